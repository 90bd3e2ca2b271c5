using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Storage;
using MarrowBot.Staff.Handoff;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Bot.Tests.Handoff;

/// <summary>What the hand-off queue must do on each provider's real database (a temporary SQLite file, a fresh PostgreSQL schema).</summary>
public abstract class HandoffQueueContractTests(IStoreFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private IAsyncDisposable? _database;

    protected IHandoffQueue Queue { get; private set; } = null!;

    public Task InitializeAsync()
    {
        (Queue, _database) = Open(fixture);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task ANewRequestIsWaitingWithItsConversationReference()
    {
        var ticket = Ticket(T0);

        var enqueued = await Queue.EnqueueAsync(ticket, CancellationToken.None);

        Assert.False(enqueued.AlreadyWaiting);
        var stored = await Queue.GetAsync(enqueued.Request.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(HandoffState.Waiting, stored.State);
        Assert.Equal(ticket.ChannelId, stored.ChannelId);
        Assert.Equal(ticket.ConversationId, stored.ConversationId);
        Assert.Equal(ticket.ServiceUrl, stored.ServiceUrl);
        Assert.Equal(ticket.ConversationReference, stored.ConversationReference);
        Assert.Equal(T0, stored.RequestedAt);
        Assert.Null(stored.AnsweredBy);
    }

    [Fact]
    public async Task AskingAgainWhileWaitingKeepsTheRequestAndItsPlace()
    {
        var ticket = Ticket(T0);
        var first = await Queue.EnqueueAsync(ticket, CancellationToken.None);

        var again = await Queue.EnqueueAsync(ticket with { RequestedAt = T0.AddMinutes(5) }, CancellationToken.None);

        Assert.True(again.AlreadyWaiting);
        Assert.Equal(first.Request.Id, again.Request.Id);
        Assert.Equal(T0, again.Request.RequestedAt);
    }

    [Fact]
    public async Task AnsweringRecordsWhoAndWhenAndAskingAgainMakesItWaitFromThen()
    {
        var ticket = Ticket(T0);
        var id = (await Queue.EnqueueAsync(ticket, CancellationToken.None)).Request.Id;

        Assert.True(await Queue.MarkAnsweredAsync(id, "rita", T0.AddMinutes(3), CancellationToken.None));
        var answered = (await Queue.GetAsync(id, CancellationToken.None))!;
        var again = await Queue.EnqueueAsync(ticket with { RequestedAt = T0.AddMinutes(10) }, CancellationToken.None);

        Assert.Equal(HandoffState.Answered, answered.State);
        Assert.Equal("rita", answered.AnsweredBy);
        Assert.Equal(T0.AddMinutes(3), answered.AnsweredAt);
        Assert.False(again.AlreadyWaiting);
        Assert.Equal(id, again.Request.Id);
        Assert.Equal(HandoffState.Waiting, again.Request.State);
        Assert.Equal(T0.AddMinutes(10), again.Request.RequestedAt);
    }

    [Fact]
    public async Task AClosedRequestIsOffTheQueueCannotBeAnsweredAndAskingAgainOpensANewOne()
    {
        var ticket = Ticket(T0);
        var id = (await Queue.EnqueueAsync(ticket, CancellationToken.None)).Request.Id;

        Assert.True(await Queue.CloseAsync(id, T0.AddMinutes(1), CancellationToken.None));
        Assert.False(await Queue.CloseAsync(id, T0.AddMinutes(2), CancellationToken.None));
        Assert.False(await Queue.MarkAnsweredAsync(id, "rita", T0.AddMinutes(2), CancellationToken.None));
        Assert.Null(await Queue.FindOpenAsync(ticket.ChannelId, ticket.ConversationId, CancellationToken.None));
        Assert.DoesNotContain(await Queue.ListOpenAsync(1000, CancellationToken.None), r => r.Id == id);
        var closed = (await Queue.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(HandoffState.Closed, closed.State);
        Assert.Equal(T0.AddMinutes(1), closed.ClosedAt);

        var reopened = await Queue.EnqueueAsync(ticket with { RequestedAt = T0.AddMinutes(3) }, CancellationToken.None);
        Assert.NotEqual(id, reopened.Request.Id);
        Assert.False(reopened.AlreadyWaiting);
    }

    [Fact]
    public async Task TheQueueListsWaitingRequestsFirstEachOldestFirst()
    {
        var late = await Queue.EnqueueAsync(Ticket(T0.AddMinutes(-10)), CancellationToken.None);
        var early = await Queue.EnqueueAsync(Ticket(T0.AddMinutes(-30)), CancellationToken.None);
        var answered = await Queue.EnqueueAsync(Ticket(T0.AddMinutes(-40)), CancellationToken.None);
        await Queue.MarkAnsweredAsync(answered.Request.Id, "rita", T0, CancellationToken.None);
        var ours = new HashSet<long> { late.Request.Id, early.Request.Id, answered.Request.Id };

        var listed = (await Queue.ListOpenAsync(1000, CancellationToken.None)).Where(r => ours.Contains(r.Id)).Select(r => r.Id).ToList();

        Assert.Equal([early.Request.Id, late.Request.Id, answered.Request.Id], listed);
    }

    [Fact]
    public async Task AnUnknownRequestIsNullAndCannotBeMarked()
    {
        Assert.Null(await Queue.GetAsync(long.MaxValue, CancellationToken.None));
        Assert.False(await Queue.MarkAnsweredAsync(long.MaxValue, "rita", T0, CancellationToken.None));
        Assert.False(await Queue.CloseAsync(long.MaxValue, T0, CancellationToken.None));
    }

    [Fact]
    public async Task TheQueueIsSharedByAnotherInstanceOverTheSameDatabase()
    {
        var ticket = Ticket(T0);
        var id = (await Queue.EnqueueAsync(ticket, CancellationToken.None)).Request.Id;
        var (other, database) = Open(fixture);
        await using (database)
        {
            var again = await other.EnqueueAsync(ticket, CancellationToken.None);

            Assert.True(again.AlreadyWaiting);
            Assert.Equal(id, again.Request.Id);
            Assert.Equal(id, (await other.FindOpenAsync(ticket.ChannelId, ticket.ConversationId, CancellationToken.None))!.Id);
        }
    }

    [Fact]
    public async Task ForgettingTheConversationDeletesItsRequests()
    {
        var ticket = Ticket(T0);
        var id = (await Queue.EnqueueAsync(ticket, CancellationToken.None)).Request.Id;
        await using var stores = fixture.Open(fixture.Database);

        await ((Microsoft.Bot.Builder.ITranscriptStore)stores.Transcripts).DeleteTranscriptAsync(ticket.ChannelId, ticket.ConversationId);

        Assert.Null(await Queue.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task RetentionDeletesRequestsWithNothingNewerThanTheCutoff()
    {
        var old = (await Queue.EnqueueAsync(Ticket(T0.AddDays(-200)), CancellationToken.None)).Request.Id;
        var answeredLater = (await Queue.EnqueueAsync(Ticket(T0.AddDays(-200)), CancellationToken.None)).Request.Id;
        await Queue.MarkAnsweredAsync(answeredLater, "rita", T0.AddDays(-50), CancellationToken.None);
        var recent = (await Queue.EnqueueAsync(Ticket(T0), CancellationToken.None)).Request.Id;
        await using var stores = fixture.Open(fixture.Database);

        await ((MarrowBot.Bot.Transcripts.ITranscriptRetention)stores.Transcripts).PurgeOlderThanAsync(T0.AddDays(-100), CancellationToken.None);

        Assert.Null(await Queue.GetAsync(old, CancellationToken.None));
        Assert.NotNull(await Queue.GetAsync(answeredLater, CancellationToken.None));
        Assert.NotNull(await Queue.GetAsync(recent, CancellationToken.None));
    }

    private static HandoffTicket Ticket(DateTimeOffset at)
    {
        var conversation = "a:1" + Guid.NewGuid().ToString("N");
        return new HandoffTicket("msteams", conversation, "https://smba.trafficmanager.net/emea/", $"{{\"conversation\":{{\"id\":\"{conversation}\"}}}}", at);
    }

    private static (IHandoffQueue Queue, IAsyncDisposable Database) Open(IStoreFixture fixture)
    {
        if (fixture.Provider == StorageProvider.Postgres)
        {
            var postgres = new PostgresDatabase(fixture.Database, NullLogger<PostgresDatabase>.Instance);
            return (new PostgresHandoffQueue(postgres), postgres);
        }

        var sqlite = new SqliteDatabase(fixture.Database, StoreOptions.Default, NullLogger<SqliteDatabase>.Instance);
        return (new SqliteHandoffQueue(sqlite), new Disposer(sqlite));
    }

    private sealed class Disposer(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
