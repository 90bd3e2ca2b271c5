using MarrowBot.Bot.Channels.Teams;
using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// What every durable store must do, run against each provider on a real database (a temporary SQLite file, a fresh
/// PostgreSQL schema): Bot Builder's IStorage and ITranscriptStore contracts, optimistic concurrency across
/// instances, the per-conversation flags, and migrations.
/// </summary>
public abstract class StoreContractTests(IStoreFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    protected IStoreFixture Fixture { get; } = fixture;

    protected StoreInstance Store { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Store = Fixture.Open(Fixture.Database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    // ---- State (IStorage) ----

    [Fact]
    public async Task ConversationMemoryRoundTripsThroughConversationStateOnAnotherInstance()
    {
        var conversation = NewId();
        IReadOnlyList<string> categories = ["fever", "bleeding"];
        var memory = new ConversationMemory
        {
            Welcomed = true,
            PendingChoices = ["tiredness", "managing-energy"],
            EscalatedTier = TriageTier.Urgent,
            LastTriageTier = TriageTier.Urgent,
            LastTriageCategories = categories,
            FollowUp = new TriageFollowUp(TriageTier.Urgent, categories),
        };
        var tally = ReactionTally.Empty.Apply("like", "reply-1", added: true).Apply("heart", "reply-1", added: true);
        await InTurnAsync(Store.Storage, conversation, async (state, turn) =>
        {
            await state.CreateProperty<ConversationMemory>("memory").SetAsync(turn, memory);
            await state.CreateProperty<ReactionTally>(ReactionRecorder.StateProperty).SetAsync(turn, tally);
            await state.SaveChangesAsync(turn);
            return true;
        });

        await using var other = Fixture.Open(Fixture.Database);
        var (read, readTally) = await InTurnAsync(other.Storage, conversation, async (state, turn) => (
            await state.CreateProperty<ConversationMemory>("memory").GetAsync(turn, () => ConversationMemory.New),
            await state.CreateProperty<ReactionTally>(ReactionRecorder.StateProperty).GetAsync(turn, () => ReactionTally.Empty)));

        Assert.True(read.Welcomed);
        Assert.Equal(["tiredness", "managing-energy"], read.PendingChoices);
        Assert.Equal(TriageTier.Urgent, read.EscalatedTier);
        Assert.Equal(TriageTier.Urgent, read.LastTriageTier);
        Assert.Equal(["fever", "bleeding"], read.LastTriageCategories);
        Assert.Equal(TriageTier.Urgent, read.FollowUp!.TierReached);
        Assert.Equal(["fever", "bleeding"], read.FollowUp.Categories);
        Assert.Equal(2, readTally.Added);
        Assert.Equal([new ReactionCount("reply-1", "like", 1), new ReactionCount("reply-1", "heart", 1)], readTally.Counts);
    }

    [Fact]
    public async Task StoreItemsComeBackAsTheirOwnTypeWithTheirETag()
    {
        var key = NewId();
        await Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "first", Count = 3, Tags = ["a", "b"] } });

        var note = Assert.IsType<Note>((await Store.Storage.ReadAsync([key]))[key]);

        Assert.Equal("first", note.Text);
        Assert.Equal(3, note.Count);
        Assert.Equal(["a", "b"], note.Tags);
        Assert.False(string.IsNullOrEmpty(note.ETag));
    }

    [Fact]
    public async Task ReadingKeysThatWereNeverWrittenReturnsNothing()
    {
        Assert.Empty(await Store.Storage.ReadAsync([NewId(), NewId()]));
        Assert.Empty(await Store.Storage.ReadAsync([]));
    }

    [Fact]
    public async Task EveryWriteAssignsANewETag()
    {
        var key = NewId();
        var note = new Note { Text = "one" };
        await Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = note });
        var first = ((Note)(await Store.Storage.ReadAsync([key]))[key]).ETag;

        await Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = note });
        var second = ((Note)(await Store.Storage.ReadAsync([key]))[key]).ETag;

        Assert.NotEqual(first, second);
        Assert.Equal(second, note.ETag);
    }

    [Fact]
    public async Task AWriteWithAStaleETagIsRejectedAndLeavesTheStoredValue()
    {
        var key = NewId();
        await Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "one" } });
        var stale = (Note)(await Store.Storage.ReadAsync([key]))[key];
        var fresh = (Note)(await Store.Storage.ReadAsync([key]))[key];
        fresh.Text = "two";
        await Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = fresh });

        stale.Text = "three";
        await Assert.ThrowsAsync<ETagConflictException>(() => Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = stale }));

        Assert.Equal("two", ((Note)(await Store.Storage.ReadAsync([key]))[key]).Text);
    }

    [Fact]
    public async Task AStarETagOverwritesWhateverIsStored()
    {
        var key = NewId();
        await Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "one" } });

        await Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "two", ETag = "*" } });

        Assert.Equal("two", ((Note)(await Store.Storage.ReadAsync([key]))[key]).Text);
    }

    [Fact]
    public async Task ANewItemCannotReplaceOneThatAnotherWriterCreated()
    {
        var key = NewId();
        await Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "theirs" } });

        await Assert.ThrowsAsync<ETagConflictException>(() => Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = "mine" } }));
    }

    [Fact]
    public async Task TwoInstancesThatReadTheSameConversationCannotBothWriteIt()
    {
        var conversation = NewId();
        await InTurnAsync(Store.Storage, conversation, async (state, turn) =>
        {
            await state.CreateProperty<ConversationMemory>("memory").SetAsync(turn, ConversationMemory.New);
            await state.SaveChangesAsync(turn);
            return true;
        });
        await using var hostA = Fixture.Open(Fixture.Database);
        await using var hostB = Fixture.Open(Fixture.Database);
        var (stateA, turnA) = Turn(hostA.Storage, conversation);
        var (stateB, turnB) = Turn(hostB.Storage, conversation);
        var memoryA = stateA.CreateProperty<ConversationMemory>("memory");
        var memoryB = stateB.CreateProperty<ConversationMemory>("memory");
        var readA = await memoryA.GetAsync(turnA, () => ConversationMemory.New);
        var readB = await memoryB.GetAsync(turnB, () => ConversationMemory.New);

        await memoryA.SetAsync(turnA, readA with { PendingChoices = ["tiredness", "managing-energy"] });
        await stateA.SaveChangesAsync(turnA);
        await memoryB.SetAsync(turnB, readB with { Welcomed = true });

        await Assert.ThrowsAsync<ETagConflictException>(() => stateB.SaveChangesAsync(turnB));
        var stored = await InTurnAsync(Store.Storage, conversation, (state, turn) => state.CreateProperty<ConversationMemory>("memory").GetAsync(turn, () => ConversationMemory.New));
        Assert.Equal(["tiredness", "managing-energy"], stored.PendingChoices);
        Assert.False(stored.Welcomed);
    }

    [Fact]
    public async Task TwoInstancesStartingTheSameNewConversationCannotBothWriteIt()
    {
        var conversation = NewId();
        await using var hostA = Fixture.Open(Fixture.Database);
        await using var hostB = Fixture.Open(Fixture.Database);
        var (stateA, turnA) = Turn(hostA.Storage, conversation);
        var (stateB, turnB) = Turn(hostB.Storage, conversation);
        await stateA.CreateProperty<ConversationMemory>("memory").SetAsync(turnA, ConversationMemory.New with { Welcomed = true });
        await stateB.CreateProperty<ConversationMemory>("memory").SetAsync(turnB, ConversationMemory.New with { EscalatedTier = TriageTier.Urgent });

        await stateA.SaveChangesAsync(turnA);

        await Assert.ThrowsAsync<ETagConflictException>(() => stateB.SaveChangesAsync(turnB));
    }

    [Fact]
    public async Task RetentionPurgesActivitiesAndConversationsOlderThanTheCutoff()
    {
        var old = NewId();
        var mixed = NewId();
        var recent = NewId();
        await Store.Transcripts.LogActivitiesAsync(
        [
            Message(old, 1, T0.AddDays(-200)),
            Message(mixed, 1, T0.AddDays(-150)),
            Message(mixed, 2, T0.AddDays(-1)),
            Message(recent, 1, T0),
        ], CancellationToken.None);

        var removed = await ((ITranscriptRetention)Store.Transcripts).PurgeOlderThanAsync(T0.AddDays(-90), CancellationToken.None);

        Assert.True(removed >= 3, $"{removed} rows removed");
        Assert.Empty(await ReadAllAsync(Store.Transcripts, "test", old));
        Assert.Null(await Store.Queries.GetConversationAsync("test", old, CancellationToken.None));
        Assert.Equal(["2"], (await ReadAllAsync(Store.Transcripts, "test", mixed)).Select(a => ((IMessageActivity)a).Text[^1..]));
        Assert.NotNull(await Store.Queries.GetConversationAsync("test", mixed, CancellationToken.None));
        Assert.Single(await ReadAllAsync(Store.Transcripts, "test", recent));
    }

    [Fact]
    public async Task ATurnThatSavesTwiceKeepsItsOwnETag()
    {
        var conversation = NewId();
        var (state, turn) = Turn(Store.Storage, conversation);
        var memory = state.CreateProperty<ConversationMemory>("memory");

        await memory.SetAsync(turn, ConversationMemory.New with { Welcomed = true });
        await state.SaveChangesAsync(turn);
        await memory.SetAsync(turn, ConversationMemory.New with { Welcomed = true, EscalatedTier = TriageTier.Routine });
        await state.SaveChangesAsync(turn);

        var stored = await InTurnAsync(Store.Storage, conversation, (s, t) => s.CreateProperty<ConversationMemory>("memory").GetAsync(t, () => ConversationMemory.New));
        Assert.Equal(TriageTier.Routine, stored.EscalatedTier);
    }

    [Fact]
    public async Task AWriteOfSeveralItemsIsAllOrNothing()
    {
        var fresh = NewId();
        var taken = NewId();
        await Store.Storage.WriteAsync(new Dictionary<string, object> { [taken] = new Note { Text = "theirs" } });

        await Assert.ThrowsAsync<ETagConflictException>(() => Store.Storage.WriteAsync(new Dictionary<string, object>
        {
            [fresh] = new Note { Text = "mine" },
            [taken] = new Note { Text = "mine" },
        }));

        Assert.False((await Store.Storage.ReadAsync([fresh])).ContainsKey(fresh));
    }

    [Fact]
    public async Task DeleteRemovesTheItemsAndIgnoresMissingKeys()
    {
        var (a, b) = (NewId(), NewId());
        await Store.Storage.WriteAsync(new Dictionary<string, object> { [a] = new Note(), [b] = new Note() });

        await Store.Storage.DeleteAsync([a, NewId()]);

        var left = await Store.Storage.ReadAsync([a, b]);
        Assert.Equal([b], left.Keys);
    }

    [Fact]
    public async Task ConcurrentWritesOfDifferentKeysFromManyTasksAllLand()
    {
        await using var other = Fixture.Open(Fixture.Database);
        var keys = Enumerable.Range(0, 40).Select(_ => NewId()).ToArray();

        await Task.WhenAll(keys.Select((key, i) => Task.Run(async () =>
        {
            var storage = i % 2 == 0 ? Store.Storage : other.Storage;
            for (var n = 1; n <= 10; n++)
            {
                var items = await storage.ReadAsync([key]);
                var note = items.TryGetValue(key, out var stored) ? (Note)stored : new Note();
                note.Count = n;
                await storage.WriteAsync(new Dictionary<string, object> { [key] = note });
            }
        })));

        var all = await Store.Storage.ReadAsync(keys);
        Assert.All(keys, key => Assert.Equal(10, ((Note)all[key]).Count));
    }

    [Fact]
    public async Task TextWithAnyCharacterIsStoredAsWritten()
    {
        var key = NewId();
        const string Text = "nul \u0000, emoji 🩸, right-to-left שלום, quotes \" ' \\ and a new\nline";

        await Store.Storage.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = Text } });

        Assert.Equal(Text, ((Note)(await Store.Storage.ReadAsync([key]))[key]).Text);
    }

    // ---- Transcripts (ITranscriptStore) ----

    [Fact]
    public async Task ATranscriptComesBackInTheOrderWrittenPageByPageWhateverTheTimestamps()
    {
        var conversation = NewId();
        var activities = Enumerable.Range(0, 45).Select(n => Message(conversation, n, T0.AddSeconds(-n))).ToList();

        foreach (var batch in activities.Chunk(7))
        {
            await Store.Transcripts.LogActivitiesAsync(batch, CancellationToken.None);
        }

        var pages = new List<PagedResult<IActivity>>();
        string? token = null;
        do
        {
            var page = await Store.Transcripts.GetTranscriptActivitiesAsync("test", conversation, token);
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal([20, 20, 5], pages.Select(p => p.Items.Length));
        Assert.Equal(activities.Select(a => a.Id), pages.SelectMany(p => p.Items).Select(a => a.Id));
        Assert.Equal("message 7", ((IMessageActivity)pages[0].Items[7]).Text);
    }

    [Fact]
    public async Task ActivitiesLoggedOneAtATimeKeepTheirOrder()
    {
        var conversation = NewId();
        foreach (var n in Enumerable.Range(0, 5))
        {
            await Store.Transcripts.LogActivityAsync(Message(conversation, n, T0));
        }

        Assert.Equal(["a0", "a1", "a2", "a3", "a4"], (await ReadAllAsync(Store.Transcripts, "test", conversation)).Select(a => a.Id));
    }

    [Fact]
    public async Task AStartDateLeavesOutEarlierActivities()
    {
        var conversation = NewId();
        await Store.Transcripts.LogActivitiesAsync([.. Enumerable.Range(0, 6).Select(n => Message(conversation, n, T0.AddMinutes(n)))], CancellationToken.None);

        var later = await ReadAllAsync(Store.Transcripts, "test", conversation, T0.AddMinutes(3));

        Assert.Equal(["a3", "a4", "a5"], later.Select(a => a.Id));
    }

    [Fact]
    public async Task AnUnknownConversationHasAnEmptyTranscript()
    {
        var page = await Store.Transcripts.GetTranscriptActivitiesAsync("test", NewId());

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task TranscriptsAreListedPerChannelInTheOrderTheyBegan()
    {
        var channel = "channel-" + NewId();
        var conversations = Enumerable.Range(0, 25).Select(_ => NewId()).ToList();
        foreach (var (conversation, i) in conversations.Select((c, i) => (c, i)))
        {
            await Store.Transcripts.LogActivitiesAsync([Message(conversation, 0, T0.AddMinutes(i), channel)], CancellationToken.None);
        }

        var first = await Store.Transcripts.ListTranscriptsAsync(channel);
        var second = await Store.Transcripts.ListTranscriptsAsync(channel, first.ContinuationToken);

        Assert.Equal(20, first.Items.Length);
        Assert.Null(second.ContinuationToken);
        Assert.Equal(conversations, first.Items.Concat(second.Items).Select(t => t.Id));
        Assert.All(first.Items, t => Assert.Equal(channel, t.ChannelId));
        Assert.Equal(T0.AddMinutes(3), first.Items[3].Created);
    }

    [Fact]
    public async Task DeletingATranscriptRemovesThatConversationsActivitiesAndFlagsOnly()
    {
        var channel = "channel-" + NewId();
        var (gone, kept) = (NewId(), NewId());
        await Store.Transcripts.LogActivitiesAsync(
            [Message(gone, 0, T0, channel), Reply(gone, 1, T0, "triage", "urgent", channel), Message(kept, 0, T0, channel)],
            CancellationToken.None);

        await Store.Transcripts.DeleteTranscriptAsync(channel, gone);

        Assert.Empty((await Store.Transcripts.GetTranscriptActivitiesAsync(channel, gone)).Items);
        Assert.Null(await Store.Queries.GetConversationAsync(channel, gone, CancellationToken.None));
        Assert.Single((await Store.Transcripts.GetTranscriptActivitiesAsync(channel, kept)).Items);
        Assert.Equal([kept], (await Store.Transcripts.ListTranscriptsAsync(channel)).Items.Select(t => t.Id));
    }

    [Fact]
    public async Task ReplayingTheJournalAddsOnlyWhatIsNotStoredYetAndEscalationMarksRaiseTheTier()
    {
        var conversation = NewId();
        var stored = new[] { Message(conversation, 0, T0), Reply(conversation, 1, T0.AddSeconds(1), "answer", "none") };
        await Store.Transcripts.LogActivitiesAsync(stored, CancellationToken.None);
        var journalled = stored.Append(Message(conversation, 2, T0.AddSeconds(2))).Select(TranscriptRecord.From).ToList();
        var mark = new EscalationMark("test", conversation, TriageTier.Emergency, T0.AddSeconds(3));
        var replay = (IJournalReplayStore)Store.Transcripts;

        var added = await replay.ReplayAsync(journalled, [mark], CancellationToken.None);
        var again = await replay.ReplayAsync(journalled, [mark], CancellationToken.None);

        Assert.Equal(1, added);
        Assert.Equal(0, again);
        Assert.Equal(["message 0", "reply 1", "message 2"], (await ReadAllAsync(Store.Transcripts, "test", conversation)).Select(a => ((IMessageActivity)a).Text));
        var summary = await Store.Queries.GetConversationAsync("test", conversation, CancellationToken.None);
        Assert.Equal(3, summary!.ActivityCount);
        Assert.Equal(TriageTier.Emergency, summary.EscalatedTier);
    }

    [Fact]
    public async Task AnEscalationMarkAloneCreatesTheConversationsFlag()
    {
        var conversation = NewId();

        await ((IJournalReplayStore)Store.Transcripts).ReplayAsync([], [new EscalationMark("test", conversation, TriageTier.Urgent, T0)], CancellationToken.None);

        var escalated = await Store.Queries.ListEscalatedAsync(TriageTier.Urgent, T0.AddMinutes(-1), 1000, CancellationToken.None);
        Assert.Contains(escalated, c => c.ConversationId == conversation && c.EscalatedTier == TriageTier.Urgent);
    }

    [Fact]
    public async Task AnActivityComesBackWholeWithItsEntitiesAndRoles()
    {
        var conversation = NewId();
        var reply = Reply(conversation, 1, T0, "clarify", "none");
        reply.SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, "One", value: "1")] };
        reply.Text = "nul \u0000, emoji 🩸, right-to-left שלום";

        await Store.Transcripts.LogActivitiesAsync([reply], CancellationToken.None);

        var read = (IMessageActivity)Assert.Single((await Store.Transcripts.GetTranscriptActivitiesAsync("test", conversation)).Items);
        Assert.Equal(reply.Text, read.Text);
        Assert.Equal(RoleTypes.Bot, read.From.Role);
        Assert.Equal("clarify", (string?)read.Entities.Single(e => e.Type == "marrowbot.outcome").Properties["kind"]);
        Assert.Equal("1", (string?)read.SuggestedActions.Actions[0].Value);
        Assert.Equal(T0, read.Timestamp);
    }

    [Fact]
    public async Task AnUpdateReplacesTheStoredActivityAndADeleteLeavesATombstone()
    {
        var conversation = NewId();
        var first = Message(conversation, 0, T0);
        var edited = Message(conversation, 0, T0.AddMinutes(5));
        edited.Type = ActivityTypes.MessageUpdate;
        edited.Text = "edited";
        var deleted = new Activity(ActivityTypes.MessageDelete) { Id = "a1", ChannelId = "test", Conversation = new ConversationAccount(id: conversation) };

        await Store.Transcripts.LogActivitiesAsync([first, Message(conversation, 1, T0), edited, deleted], CancellationToken.None);

        var read = await ReadAllAsync(Store.Transcripts, "test", conversation);
        Assert.Equal(2, read.Count);
        Assert.Equal(ActivityTypes.Message, read[0].Type);
        Assert.Equal("edited", ((IMessageActivity)read[0]).Text);
        Assert.Equal(T0, read[0].Timestamp);
        Assert.Equal(ActivityTypes.MessageDelete, read[1].Type);
        Assert.Null(((Activity)read[1]).Text);
        Assert.Equal("deleted", read[1].From.Id);
    }

    [Fact]
    public async Task FlagsAreDerivedFromTheOutcomeEntitiesAndReactions()
    {
        var conversation = NewId();
        var like = Reaction(conversation, 7, T0.AddSeconds(7), added: ["like", "Heart"]);
        var unlike = Reaction(conversation, 8, T0.AddSeconds(8), removed: ["like"]);

        await Store.Transcripts.LogActivitiesAsync(
            [
                Message(conversation, 0, T0),
                Reply(conversation, 1, T0.AddSeconds(1), "welcome", "none"),
                Reply(conversation, 2, T0.AddSeconds(2), "clarify", "none"),
                Reply(conversation, 3, T0.AddSeconds(3), "triage", "urgent"),
                Reply(conversation, 4, T0.AddSeconds(4), "decline", "none"),
                Reply(conversation, 5, T0.AddSeconds(5), "handoff", "none"),
                Message(conversation, 6, T0.AddSeconds(6)),
                like,
                unlike,
            ],
            CancellationToken.None);
        await Store.Transcripts.LogActivitiesAsync([Reply(conversation, 9, T0.AddSeconds(9), "answer", "routine")], CancellationToken.None);

        var summary = (await Store.Queries.GetConversationAsync("test", conversation, CancellationToken.None))!;
        Assert.Equal(T0, summary.FirstActivityAt);
        Assert.Equal(T0.AddSeconds(9), summary.LastActivityAt);
        Assert.Equal(10, summary.ActivityCount);
        Assert.Equal(TriageTier.Urgent, summary.EscalatedTier);
        Assert.True(summary.Declined);
        Assert.True(summary.Clarified);
        Assert.True(summary.HandoffRequested);
        Assert.Equal(2, summary.ReactionsAdded);
        Assert.Equal(1, summary.ReactionsRemoved);
        Assert.Equal([new FeedbackCount("heart", 1, 0), new FeedbackCount("like", 1, 1)], summary.Reactions);
    }

    [Fact]
    public async Task AQuietConversationRaisesNoFlags()
    {
        var conversation = NewId();

        await Store.Transcripts.LogActivitiesAsync([Message(conversation, 0, T0), Reply(conversation, 1, T0, "answer", "none")], CancellationToken.None);

        var summary = (await Store.Queries.GetConversationAsync("test", conversation, CancellationToken.None))!;
        Assert.Equal(TriageTier.None, summary.EscalatedTier);
        Assert.False(summary.Declined || summary.Clarified || summary.HandoffRequested);
        Assert.Empty(summary.Reactions);
    }

    [Fact]
    public async Task ConversationsFlaggedUrgentOrEmergencyAreListedMostRecentFirst()
    {
        await using var store = Fixture.Open(await Fixture.NewDatabaseAsync());
        var (emergency, urgent, routine, none) = (NewId(), NewId(), NewId(), NewId());
        await store.Transcripts.LogActivitiesAsync(
            [
                Reply(urgent, 0, T0.AddMinutes(1), "triage", "urgent"),
                Reply(emergency, 0, T0, "triage", "emergency"),
                Message(emergency, 1, T0.AddMinutes(3)),
                Reply(routine, 0, T0.AddMinutes(4), "triage", "routine"),
                Reply(none, 0, T0.AddMinutes(5), "answer", "none"),
            ],
            CancellationToken.None);

        var urgentOrWorse = await store.Queries.ListEscalatedAsync(TriageTier.Urgent, T0.AddDays(-1), 50, CancellationToken.None);
        var emergencies = await store.Queries.ListEscalatedAsync(TriageTier.Emergency, T0.AddDays(-1), 50, CancellationToken.None);
        var recent = await store.Queries.ListEscalatedAsync(TriageTier.Urgent, T0.AddMinutes(2), 50, CancellationToken.None);

        Assert.Equal([emergency, urgent], urgentOrWorse.Select(c => c.ConversationId));
        Assert.Equal([TriageTier.Emergency, TriageTier.Urgent], urgentOrWorse.Select(c => c.EscalatedTier));
        Assert.Equal([emergency], emergencies.Select(c => c.ConversationId));
        Assert.Equal([emergency], recent.Select(c => c.ConversationId));
        Assert.Single(await store.Queries.ListEscalatedAsync(TriageTier.Urgent, T0.AddDays(-1), 1, CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentTranscriptWritesFromManyTasksKeepEachConversationWholeAndInOrder()
    {
        await using var other = Fixture.Open(Fixture.Database);
        var conversations = Enumerable.Range(0, 12).Select(_ => NewId()).ToList();

        await Task.WhenAll(conversations.Select((conversation, i) => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? Store.Transcripts : other.Transcripts;
            foreach (var batch in Enumerable.Range(0, 30).Select(n => Message(conversation, n, T0)).Chunk(4))
            {
                await store.LogActivitiesAsync(batch, CancellationToken.None);
            }
        })));

        foreach (var conversation in conversations)
        {
            Assert.Equal(Enumerable.Range(0, 30).Select(n => $"a{n}"), (await ReadAllAsync(Store.Transcripts, "test", conversation)).Select(a => a.Id));
            Assert.Equal(30, (await Store.Queries.GetConversationAsync("test", conversation, CancellationToken.None))!.ActivityCount);
        }
    }

    // ---- Migrations ----

    [Fact]
    public async Task MigrationsAreAppliedOnceAndApplyingThemAgainChangesNothing()
    {
        var database = await Fixture.NewDatabaseAsync();
        var scripts = SchemaMigrator.For(Fixture.Provider);
        await using var first = Fixture.Open(database);
        await using var second = Fixture.Open(database);

        var applied = await first.Database.MigrateAsync(CancellationToken.None);
        var again = await first.Database.MigrateAsync(CancellationToken.None);
        var elsewhere = await second.Database.MigrateAsync(CancellationToken.None);

        Assert.Equal(scripts.Count, applied);
        Assert.Equal(0, again);
        Assert.Equal(0, elsewhere);
        Assert.Equal(scripts.Max(s => s.Version), await second.Database.SchemaVersionAsync(CancellationToken.None));
        Assert.Equal(scripts.Count, await Fixture.ScalarAsync(database, "SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task InstancesStartingAtOnceOnAnEmptyDatabaseApplyEachMigrationExactlyOnce()
    {
        var database = await Fixture.NewDatabaseAsync();
        var instances = Enumerable.Range(0, 6).Select(_ => Fixture.Open(database)).ToList();
        try
        {
            var applied = await Task.WhenAll(instances.Select(i => Task.Run(() => i.Database.MigrateAsync(CancellationToken.None))));

            Assert.Equal(SchemaMigrator.For(Fixture.Provider).Count, applied.Sum());
            Assert.Equal(SchemaMigrator.For(Fixture.Provider).Count, await Fixture.ScalarAsync(database, "SELECT COUNT(*) FROM schema_version"));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TheStoresMigrateAnEmptyDatabaseOnFirstUse()
    {
        await using var store = Fixture.Open(await Fixture.NewDatabaseAsync());

        await store.Storage.WriteAsync(new Dictionary<string, object> { ["k"] = new Note() });

        Assert.Equal(SchemaMigrator.For(Fixture.Provider).Max(s => s.Version), await store.Database.SchemaVersionAsync(CancellationToken.None));
    }

    // ---- Helpers ----

    protected static string NewId() => Guid.NewGuid().ToString("N");

    private static (ConversationState State, TurnContext Turn) Turn(IStorage storage, string conversation)
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation(conversation));
        var activity = new Activity(ActivityTypes.Message)
        {
            ChannelId = "test",
            Conversation = new ConversationAccount(id: conversation),
            From = new ChannelAccount("user-1", role: RoleTypes.User),
            Recipient = new ChannelAccount("marrowbot", role: RoleTypes.Bot),
        };
        return (new ConversationState(storage), new TurnContext(adapter, activity));
    }

    private static async Task<T> InTurnAsync<T>(IStorage storage, string conversation, Func<ConversationState, ITurnContext, Task<T>> action)
    {
        var (state, turn) = Turn(storage, conversation);
        using (turn)
        {
            return await action(state, turn);
        }
    }

    private static Activity Message(string conversation, int n, DateTimeOffset at, string channel = "test") => new(ActivityTypes.Message)
    {
        Id = $"a{n}",
        ChannelId = channel,
        Conversation = new ConversationAccount(id: conversation),
        From = new ChannelAccount("user-1", role: RoleTypes.User),
        Recipient = new ChannelAccount("marrowbot", role: RoleTypes.Bot),
        Text = $"message {n}",
        Timestamp = at,
    };

    private static Activity Reply(string conversation, int n, DateTimeOffset at, string kind, string triage, string channel = "test")
    {
        var reply = Message(conversation, n, at, channel);
        (reply.From, reply.Recipient) = (reply.Recipient, reply.From);
        reply.Text = $"reply {n}";
        reply.Entities = [new Entity("marrowbot.outcome") { Properties = new JObject { ["kind"] = kind, ["triage"] = triage, ["intent"] = "x" } }];
        return reply;
    }

    private static Activity Reaction(string conversation, int n, DateTimeOffset at, string[]? added = null, string[]? removed = null)
    {
        var reaction = Message(conversation, n, at);
        reaction.Type = ActivityTypes.MessageReaction;
        reaction.Text = null;
        reaction.ReplyToId = "a1";
        reaction.ReactionsAdded = added?.Select(t => new MessageReaction(t)).ToList();
        reaction.ReactionsRemoved = removed?.Select(t => new MessageReaction(t)).ToList();
        return reaction;
    }

    private static async Task<List<IActivity>> ReadAllAsync(ITranscriptStore store, string channel, string conversation, DateTimeOffset startDate = default)
    {
        var all = new List<IActivity>();
        string? token = null;
        do
        {
            var page = await store.GetTranscriptActivitiesAsync(channel, conversation, token, startDate);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return all;
    }
}
