using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Storage;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Conversations;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>
/// The staff console's store (migration 0004) on each provider's real database: the inbox's order, paging,
/// filters, counts and search; one conversation's transcript with its annotations; acknowledgements, reviews and
/// labels; and the refusals of bad input. Each test writes its conversations on a channel of its own and asks
/// for that channel only, so the tests of a class share one database.
/// </summary>
public abstract class StaffConversationsContractTests(IStoreFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private StoreInstance _store = null!;

    protected IStaffConversations Staff { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _store = fixture.Open(fixture.Database);
        Staff = _store.Database switch
        {
            SqliteDatabase sqlite => new SqliteStaffConversations(sqlite),
            PostgresDatabase postgres => new PostgresStaffConversations(postgres),
            _ => throw new InvalidOperationException("Unknown store."),
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task UnacknowledgedEscalationsComeFirstThenTheRestEachNewestFirst()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "old-emergency", T0, "emergency");
        await ConversationAsync(channel, "plain-newest", T0.AddMinutes(30));
        await ConversationAsync(channel, "urgent", T0.AddMinutes(10), "urgent");
        await ConversationAsync(channel, "routine", T0.AddMinutes(20), "routine");

        var page = await Staff.ListAsync(new InboxQuery { Channel = channel }, CancellationToken.None);

        Assert.Equal(["urgent", "old-emergency", "plain-newest", "routine"], page.Conversations.Select(c => c.Key.ConversationId));
        Assert.Equal([true, true, false, false], page.Conversations.Select(c => c.NeedsAttention));
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task AnAcknowledgedEscalationJoinsTheRestUntilItsTierRisesAgain()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "escalated", T0, "urgent");
        await ConversationAsync(channel, "newer", T0.AddMinutes(5));

        Assert.True(await Staff.AcknowledgeAsync(new ConversationKey(channel, "escalated"), "nurse.a", T0.AddHours(1), CancellationToken.None));
        var acknowledged = await Staff.ListAsync(new InboxQuery { Channel = channel }, CancellationToken.None);
        await ConversationAsync(channel, "escalated", T0.AddMinutes(2), "emergency", first: 10);
        var risen = await Staff.ListAsync(new InboxQuery { Channel = channel }, CancellationToken.None);

        Assert.Equal(["newer", "escalated"], acknowledged.Conversations.Select(c => c.Key.ConversationId));
        var mark = acknowledged.Conversations[1].Acknowledged!;
        Assert.Equal(("nurse.a", T0.AddHours(1), TriageTier.Urgent), (mark.By, mark.At, mark.Tier));
        Assert.Equal(["escalated", "newer"], risen.Conversations.Select(c => c.Key.ConversationId));
        Assert.True(risen.Conversations[0].NeedsAttention);
    }

    [Fact]
    public async Task PagesOfFiftyFollowOneAnotherWithoutGapsOrRepeats()
    {
        var channel = NewChannel();
        var activities = new List<IActivity>();
        for (var i = 0; i < 120; i++)
        {
            // Ten escalated among them; pairs share a last-activity time, so the keyset's tie-break on seq matters.
            activities.AddRange(Exchange(channel, $"c{i:000}", T0.AddMinutes(i / 2), i % 12 == 0 ? "urgent" : "none", 0));
        }

        await _store.Transcripts.LogActivitiesAsync(activities, CancellationToken.None);

        var pages = new List<InboxResults>();
        string? token = null;
        do
        {
            var page = await Staff.ListAsync(new InboxQuery { Channel = channel, PageToken = token }, CancellationToken.None);
            pages.Add(page);
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal([50, 50, 20], pages.Select(p => p.Conversations.Count));
        var all = pages.SelectMany(p => p.Conversations).ToList();
        Assert.Equal(120, all.Select(c => c.Key.ConversationId).Distinct().Count());
        Assert.All(all.Take(10), c => Assert.True(c.NeedsAttention));
        Assert.All(all.Skip(10), c => Assert.False(c.NeedsAttention));
        Assert.Equal(all.Skip(10).OrderByDescending(c => c.LastActivityAt).Select(c => c.LastActivityAt), all.Skip(10).Select(c => c.LastActivityAt));
    }

    [Fact]
    public async Task EachFilterKeepsOnlyTheConversationsItNames()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "declined", T0, kind: "decline");
        await ConversationAsync(channel, "clarified", T0.AddMinutes(1), kind: "clarify");
        await ConversationAsync(channel, "handoff", T0.AddMinutes(2), kind: "handoff");
        await ConversationAsync(channel, "emergency", T0.AddMinutes(3), "emergency");
        await ConversationAsync(channel, "urgent", T0.AddMinutes(4), "urgent");
        await ConversationAsync(channel, "unhappy", T0.AddMinutes(5));
        await _store.Transcripts.LogActivitiesAsync([Reaction(channel, "unhappy", T0.AddMinutes(6), "r1", added: ["sad"])], CancellationToken.None);
        await ConversationAsync(channel, "liked", T0.AddMinutes(7));
        await _store.Transcripts.LogActivitiesAsync([Reaction(channel, "liked", T0.AddMinutes(8), "r1", added: ["like"])], CancellationToken.None);
        await ConversationAsync(channel, "reviewed", T0.AddMinutes(9));
        await Staff.MarkReviewedAsync(new ConversationKey(channel, "reviewed"), "nurse.b", T0.AddHours(1), CancellationToken.None);

        async Task<string[]> Ids(InboxQuery query) =>
            (await Staff.ListAsync(query with { Channel = channel }, CancellationToken.None)).Conversations.Select(c => c.Key.ConversationId).Order().ToArray();

        Assert.Equal(["declined"], await Ids(new InboxQuery { Declined = true }));
        Assert.Equal(["clarified"], await Ids(new InboxQuery { Clarified = true }));
        Assert.Equal(["handoff"], await Ids(new InboxQuery { HandoffRequested = true }));
        Assert.Equal(["emergency"], await Ids(new InboxQuery { MinTier = TriageTier.Emergency }));
        Assert.Equal(["emergency", "urgent"], await Ids(new InboxQuery { MinTier = TriageTier.Urgent }));
        Assert.Equal(["unhappy"], await Ids(new InboxQuery { NegativeFeedback = true }));
        Assert.DoesNotContain("reviewed", await Ids(new InboxQuery { NotReviewed = true }));
        Assert.Equal(7, (await Ids(new InboxQuery { NotReviewed = true })).Length);
        Assert.Equal(["clarified", "declined"], await Ids(new InboxQuery { From = T0, To = T0.AddMinutes(1).AddSeconds(2) }));
        Assert.Empty(await Ids(new InboxQuery { Declined = true, Clarified = true }));
        Assert.Empty((await Staff.ListAsync(new InboxQuery { Channel = NewChannel() }, CancellationToken.None)).Conversations);
    }

    [Fact]
    public async Task CountsGiveEachFiltersNumberWithinTheQuerysRangeChannelAndSearch()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "declined", T0, kind: "decline", text: "my gums are bleeding");
        await ConversationAsync(channel, "emergency", T0.AddMinutes(1), "emergency", text: "crushing chest pain");
        await ConversationAsync(channel, "urgent", T0.AddMinutes(2), "urgent", text: "gums bleeding since monday");
        await _store.Transcripts.LogActivitiesAsync([Reaction(channel, "urgent", T0.AddMinutes(3), "r1", added: ["angry"])], CancellationToken.None);
        await Staff.AcknowledgeAsync(new ConversationKey(channel, "urgent"), "nurse.a", T0.AddHours(1), CancellationToken.None);

        var all = await Staff.CountAsync(new InboxQuery { Channel = channel, Declined = true }, CancellationToken.None);
        var bleeding = await Staff.CountAsync(new InboxQuery { Channel = channel, Search = "bleed" }, CancellationToken.None);

        Assert.Equal(new InboxCounts(Total: 3, Urgent: 2, Emergency: 1, NeedsAttention: 1, Declined: 1, Clarified: 0, HandoffRequested: 0, NegativeFeedback: 1, NotReviewed: 3), all);
        Assert.Equal(new InboxCounts(Total: 2, Urgent: 1, Emergency: 0, NeedsAttention: 0, Declined: 1, Clarified: 0, HandoffRequested: 0, NegativeFeedback: 1, NotReviewed: 2), bleeding);
    }

    [Fact]
    public async Task SearchFindsWordPrefixesInThePersonsMessagesButNotInTheBotsReplies()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "gums", T0, text: "My GUMS keep bleeding after brushing");
        await ConversationAsync(channel, "fever", T0.AddMinutes(1), text: "I have a fever of 39");
        await ConversationAsync(channel, "other", T0.AddMinutes(2), text: "what is aplastic anaemia");

        async Task<string[]> Found(string search) =>
            (await Staff.ListAsync(new InboxQuery { Channel = channel, Search = search }, CancellationToken.None)).Conversations.Select(c => c.Key.ConversationId).Order().ToArray();

        Assert.Equal(["gums"], await Found("bleed gum"));
        Assert.Equal(["fever"], await Found("FEVER"));
        Assert.Equal(["fever"], await Found("\"fever*\" ("));
        Assert.Empty(await Found("reply"));
        Assert.Empty(await Found("bleeding fever"));
        Assert.Equal(3, (await Found("!!! ???")).Length);
    }

    [Fact]
    public async Task SearchFollowsEditsAndForgetsWhatForgetMeDeleted()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "edited", T0, text: "my platelets are low");
        await ConversationAsync(channel, "forgotten", T0.AddMinutes(1), text: "platelets and bruising");
        var update = Message(channel, "edited", T0.AddMinutes(2), "u0", "my neutrophils are low");
        update.Type = ActivityTypes.MessageUpdate;

        await _store.Transcripts.LogActivitiesAsync([update], CancellationToken.None);
        await _store.Transcripts.DeleteTranscriptAsync(channel, "forgotten");

        async Task<string[]> Found(string search) =>
            (await Staff.ListAsync(new InboxQuery { Channel = channel, Search = search }, CancellationToken.None)).Conversations.Select(c => c.Key.ConversationId).ToArray();

        Assert.Empty(await Found("platelets"));
        Assert.Equal(["edited"], await Found("neutrophils"));
        Assert.Null(await Staff.GetTranscriptAsync(new ConversationKey(channel, "forgotten"), CancellationToken.None));
    }

    [Fact]
    public async Task AMessageEditedInTheBatchThatAddedItIsFoundByItsNewWordsOnly()
    {
        var channel = NewChannel();
        var update = Message(channel, "same-batch", T0.AddMinutes(1), "u0", "my haemoglobin is low");
        update.Type = ActivityTypes.MessageUpdate;

        await _store.Transcripts.LogActivitiesAsync([Message(channel, "same-batch", T0, "u0", "my ferritin is high"), update], CancellationToken.None);

        Assert.Empty((await Staff.ListAsync(new InboxQuery { Channel = channel, Search = "ferritin" }, CancellationToken.None)).Conversations);
        Assert.Single((await Staff.ListAsync(new InboxQuery { Channel = channel, Search = "haemoglobin" }, CancellationToken.None)).Conversations);
    }

    [Fact]
    public async Task RetentionTakesAConversationOutOfTheSearchAndItsLabelsWithIt()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "ancient", T0.AddYears(-5), text: "transfusion yesterday");
        await Staff.LabelTurnAsync(new ConversationKey(channel, "ancient"), "r0", TurnLabels.GoodAnswer, null, "nurse.a", T0, CancellationToken.None);

        await ((MarrowBot.Bot.Transcripts.ITranscriptRetention)_store.Transcripts).PurgeOlderThanAsync(T0.AddYears(-4), CancellationToken.None);

        Assert.Empty((await Staff.ListAsync(new InboxQuery { Channel = channel, Search = "transfusion" }, CancellationToken.None)).Conversations);
        Assert.Equal(0, await fixture.ScalarAsync(fixture.Database, $"SELECT COUNT(*) FROM turn_labels WHERE channel_id = '{channel}'"));
    }

    [Fact]
    public async Task ForgetMeAndRetentionLeaveNoneOfTheirMessagesInTheSearchTable()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "forgotten", T0, text: "aplastic anaemia");
        await ConversationAsync(channel, "ancient", T0.AddYears(-5), text: "aplastic anaemia");
        await ConversationAsync(channel, "kept", T0.AddYears(-5), text: "eltrombopag tablets");
        await ConversationAsync(channel, "kept", T0, text: "aplastic anaemia", first: 1);
        async Task<long> Seq(string conversation) =>
            await fixture.ScalarAsync(fixture.Database, $"SELECT seq FROM conversations WHERE channel_id = '{channel}' AND conversation_id = '{conversation}'");
        var (forgotten, ancient, kept) = (await Seq("forgotten"), await Seq("ancient"), await Seq("kept"));
        Task<long> Indexed(long conversation) => fixture.ScalarAsync(fixture.Database, $"SELECT COUNT(*) FROM activity_search WHERE conversation = {conversation}");
        Assert.Equal((1L, 1L, 2L), (await Indexed(forgotten), await Indexed(ancient), await Indexed(kept)));

        await _store.Transcripts.DeleteTranscriptAsync(channel, "forgotten");
        await ((MarrowBot.Bot.Transcripts.ITranscriptRetention)_store.Transcripts).PurgeOlderThanAsync(T0.AddYears(-4), CancellationToken.None);

        Assert.Equal((0L, 0L, 1L), (await Indexed(forgotten), await Indexed(ancient), await Indexed(kept)));
        Assert.Empty((await Staff.ListAsync(new InboxQuery { Channel = channel, Search = "eltrombopag" }, CancellationToken.None)).Conversations);
        Assert.Equal(["kept"], (await Staff.ListAsync(new InboxQuery { Channel = channel, Search = "aplastic" }, CancellationToken.None)).Conversations.Select(c => c.Key.ConversationId));
        Assert.Equal(1, (await Staff.CountAsync(new InboxQuery { Channel = channel, Search = "anaemia" }, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task TheTranscriptShowsMessagesInOrderWithEachRepliesAnnotationsReactionAndLabels()
    {
        var channel = NewChannel();
        var key = new ConversationKey(channel, "conv:19@thread;messageid=1/2");
        var question = Message(channel, key.ConversationId, T0, "u1", "what causes <b>marrow</b> failure?");
        var reply = Reply(channel, key.ConversationId, T0.AddSeconds(1), "r1", "answer", "urgent");
        reply.Text = "Marrow failure has several causes [1]";
        reply.Entities[0].Properties["confidence"] = 0.8734;
        reply.Entities[0].Properties["categories"] = new JArray("fever");
        reply.Entities[0].Properties["sections"] = new JArray("causes");
        reply.SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, "Is it genetic?", value: "is it genetic")] };
        reply.Attachments = [new Attachment("application/vnd.microsoft.card.hero", content: new JObject { ["title"] = "Causes", ["buttons"] = new JArray(new JObject { ["title"] = "Read more" }) })];
        var typing = new Activity(ActivityTypes.Typing) { Id = "t1", ChannelId = channel, Conversation = new ConversationAccount(id: key.ConversationId), From = new ChannelAccount("marrowbot", role: RoleTypes.Bot), Timestamp = T0 };
        await _store.Transcripts.LogActivitiesAsync([question, typing, reply, Reaction(channel, key.ConversationId, T0.AddSeconds(5), "r1", added: ["like"])], CancellationToken.None);
        Assert.True(await Staff.LabelTurnAsync(key, "r1", TurnLabels.MissedRedFlag, "  fever not asked about  ", "nurse.c", T0.AddHours(2), CancellationToken.None));
        Assert.True(await Staff.LabelTurnAsync(key, "r1", TurnLabels.GoodAnswer, null, "nurse.d", T0.AddHours(3), CancellationToken.None));

        var transcript = (await Staff.GetTranscriptAsync(key, CancellationToken.None))!;

        Assert.Equal(key, transcript.Conversation.Key);
        Assert.Equal(TriageTier.Urgent, transcript.Conversation.EscalatedTier);
        Assert.Equal(["u1", "r1"], transcript.Turns.Select(t => t.ActivityId));
        var (asked, answered) = (transcript.Turns[0], transcript.Turns[1]);
        Assert.Equal(("user", "what causes <b>marrow</b> failure?", T0), (asked.Role, asked.Text, asked.Timestamp));
        Assert.Null(asked.Annotations);
        Assert.Equal("bot", answered.Role);
        Assert.Equal(["Causes"], answered.Attachments);
        Assert.Equal(["Read more", "Is it genetic?"], answered.Buttons);
        Assert.Equal(["like"], answered.Reactions);
        var annotations = answered.Annotations!;
        Assert.Equal(("answer", "x", 0.8734, TriageTier.Urgent), (annotations.Kind, annotations.Intent, annotations.Confidence, annotations.Triage));
        Assert.Equal(["fever"], annotations.Categories);
        Assert.Equal(["causes"], annotations.Sections);
        Assert.Equal(
            [new TurnLabel("r1", TurnLabels.MissedRedFlag, "fever not asked about", "nurse.c", T0.AddHours(2)), new TurnLabel("r1", TurnLabels.GoodAnswer, null, "nurse.d", T0.AddHours(3))],
            answered.Labels);
    }

    [Fact]
    public async Task AnUnknownConversationHasNoTranscriptAndCannotBeAcknowledgedReviewedOrLabelled()
    {
        var key = new ConversationKey(NewChannel(), "nobody");

        Assert.Null(await Staff.GetTranscriptAsync(key, CancellationToken.None));
        Assert.False(await Staff.AcknowledgeAsync(key, "nurse.a", T0, CancellationToken.None));
        Assert.False(await Staff.MarkReviewedAsync(key, "nurse.a", T0, CancellationToken.None));
        Assert.False(await Staff.LabelTurnAsync(key, "r1", TurnLabels.GoodAnswer, null, "nurse.a", T0, CancellationToken.None));
    }

    [Fact]
    public async Task OnlyTheBotsRepliesInTheConversationCanBeLabelled()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "one", T0);
        var key = new ConversationKey(channel, "one");

        Assert.False(await Staff.LabelTurnAsync(key, "u0", TurnLabels.WrongAnswer, null, "nurse.a", T0, CancellationToken.None));
        Assert.False(await Staff.LabelTurnAsync(key, "missing", TurnLabels.WrongAnswer, null, "nurse.a", T0, CancellationToken.None));
        Assert.True(await Staff.LabelTurnAsync(key, "r0", TurnLabels.WrongAnswer, null, "nurse.a", T0, CancellationToken.None));
    }

    [Theory]
    [InlineData("great")]
    [InlineData("Good answer")]
    [InlineData("")]
    public async Task ALabelNotInTheListIsRefusedWithTheListNamed(string label)
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "one", T0);

        var error = await Assert.ThrowsAsync<StaffInputException>(() => Staff.LabelTurnAsync(new ConversationKey(channel, "one"), "r0", label, null, "nurse.a", T0, CancellationToken.None));

        Assert.Contains(TurnLabels.ShouldHaveDeclined, error.Message);
    }

    [Fact]
    public async Task ANoteLongerThanAThousandCharactersIsRefused()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "one", T0);

        await Assert.ThrowsAsync<StaffInputException>(() =>
            Staff.LabelTurnAsync(new ConversationKey(channel, "one"), "r0", TurnLabels.OverCautious, new string('x', 1001), "nurse.a", T0, CancellationToken.None));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("OS4xLjI")]
    [InlineData("%%%")]
    public async Task APageTokenThisInboxDidNotIssueIsRefusedWithAClearError(string token)
    {
        var error = await Assert.ThrowsAsync<StaffInputException>(() => Staff.ListAsync(new InboxQuery { Channel = NewChannel(), PageToken = token }, CancellationToken.None));

        Assert.Contains("page token", error.Message);
    }

    [Fact]
    public async Task AReviewedConversationCountsAsNotReviewedAgainOnceItIsActiveSince()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "one", T0);
        await Staff.MarkReviewedAsync(new ConversationKey(channel, "one"), "nurse.b", T0.AddMinutes(10), CancellationToken.None);
        var reviewed = (await Staff.ListAsync(new InboxQuery { Channel = channel }, CancellationToken.None)).Conversations.Single();

        await ConversationAsync(channel, "one", T0.AddMinutes(20), first: 5);
        var active = (await Staff.ListAsync(new InboxQuery { Channel = channel, NotReviewed = true }, CancellationToken.None)).Conversations.Single();

        Assert.False(reviewed.NotReviewed);
        Assert.Equal(("nurse.b", T0.AddMinutes(10)), (reviewed.Reviewed!.By, reviewed.Reviewed.At));
        Assert.True(active.NotReviewed);
    }

    [Fact]
    public async Task ForgetMeRemovesTheConversationsLabelsWithIt()
    {
        var channel = NewChannel();
        await ConversationAsync(channel, "one", T0);
        await Staff.LabelTurnAsync(new ConversationKey(channel, "one"), "r0", TurnLabels.UnsafeWording, "note", "nurse.a", T0, CancellationToken.None);

        await _store.Transcripts.DeleteTranscriptAsync(channel, "one");

        Assert.Equal(0, await fixture.ScalarAsync(fixture.Database, $"SELECT COUNT(*) FROM turn_labels WHERE channel_id = '{channel}'"));
    }

    private static string NewChannel() => "staff-" + Guid.NewGuid().ToString("N");

    /// <summary>One exchange (the person's message and the bot's reply) in a conversation.</summary>
    private Task ConversationAsync(string channel, string conversation, DateTimeOffset at, string triage = "none", string kind = "answer", string text = "a question", int first = 0) =>
        _store.Transcripts.LogActivitiesAsync(Exchange(channel, conversation, at, triage, first, kind, text), CancellationToken.None);

    private static List<IActivity> Exchange(string channel, string conversation, DateTimeOffset at, string triage, int n, string kind = "answer", string text = "a question") =>
        [Message(channel, conversation, at, $"u{n}", text), Reply(channel, conversation, at, $"r{n}", kind, triage)];

    private static Activity Message(string channel, string conversation, DateTimeOffset at, string id, string text) => new(ActivityTypes.Message)
    {
        Id = id,
        ChannelId = channel,
        Conversation = new ConversationAccount(id: conversation),
        From = new ChannelAccount("user-1", role: RoleTypes.User),
        Recipient = new ChannelAccount("marrowbot", role: RoleTypes.Bot),
        Text = text,
        Timestamp = at,
    };

    private static Activity Reply(string channel, string conversation, DateTimeOffset at, string id, string kind, string triage)
    {
        var reply = Message(channel, conversation, at, id, "a reply");
        (reply.From, reply.Recipient) = (reply.Recipient, reply.From);
        reply.Entities = [new Entity("marrowbot.outcome") { Properties = new JObject { ["kind"] = kind, ["triage"] = triage, ["intent"] = "x" } }];
        return reply;
    }

    private static Activity Reaction(string channel, string conversation, DateTimeOffset at, string replyTo, string[] added)
    {
        var reaction = Message(channel, conversation, at, "x" + Guid.NewGuid().ToString("N"), "ignored");
        reaction.Type = ActivityTypes.MessageReaction;
        reaction.Text = null;
        reaction.ReplyToId = replyTo;
        reaction.ReactionsAdded = added.Select(t => new MessageReaction(t)).ToList();
        return reaction;
    }
}
