using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// The transcript middleware on a real Bot Builder pipeline (TestAdapter): it records what Bot Builder's
/// TranscriptLoggerMiddleware records, in the same order, from shallow copies taken when things happen.
/// </summary>
public sealed class SnapshotTranscriptLoggerMiddlewareTests
{
    private readonly TranscriptQueue _queue = new(Options.Create(new StorageOptions()));

    [Fact]
    public void ThePipelineCallsItAndItIsStillATranscriptLoggerMiddleware()
    {
        Microsoft.Bot.Builder.IMiddleware middleware = Middleware();

        Assert.IsAssignableFrom<TranscriptLoggerMiddleware>(middleware);
        var called = typeof(SnapshotTranscriptLoggerMiddleware).GetInterfaceMap(typeof(Microsoft.Bot.Builder.IMiddleware)).TargetMethods.Single();
        Assert.Equal(typeof(SnapshotTranscriptLoggerMiddleware), called.DeclaringType);
    }

    [Fact]
    public async Task TheIncomingActivityRepliesUpdatesAndDeletionsAreRecordedInOrderWhenTheTurnEnds()
    {
        var adapter = Adapter();
        var incoming = Message("what causes marrow failure?");
        incoming.From.Role = null;

        await adapter.ProcessActivityAsync(incoming, async (turn, ct) =>
        {
            var sent = await turn.SendActivityAsync(MessageFactory.Text("first reply"), ct);
            Assert.Equal(0, _queue.Count);
            var update = MessageFactory.Text("first reply, corrected");
            update.Id = sent.Id;
            await turn.UpdateActivityAsync(update, ct);
            await turn.SendActivityAsync(MessageFactory.Text("second reply"), ct);
            await turn.DeleteActivityAsync(sent.Id, ct);
        }, CancellationToken.None);

        var records = _queue.Peek(10);
        Assert.Equal(
            [ActivityTypes.Message, ActivityTypes.Message, ActivityTypes.MessageUpdate, ActivityTypes.Message, ActivityTypes.MessageDelete],
            records.Select(r => r.Type));
        Assert.Equal(
            ["what causes marrow failure?", "first reply", "first reply, corrected", "second reply"],
            records.Take(4).Select(r => TranscriptRecord.Parse(r.Json).Text));
        Assert.Equal(RoleTypes.User, records[0].FromRole);
        Assert.Equal(RoleTypes.User, incoming.From.Role);
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(TranscriptRecord.Parse(r.Json).Id)));
        Assert.All(records, r => Assert.NotNull(TranscriptRecord.Parse(r.Json).Timestamp));
        Assert.Equal(records[1].ActivityId, records[4].ActivityId);
    }

    [Fact]
    public async Task WhatTheTurnChangesInAnActivityAfterItHappenedDoesNotReachTheTranscript()
    {
        var adapter = Adapter();
        var incoming = Message("<at>MarrowBot</at> is it genetic?");

        await adapter.ProcessActivityAsync(incoming, async (turn, ct) =>
        {
            // As the Teams handler does when it removes the mention, and a reply changed after it was sent.
            turn.Activity.Text = "is it genetic?";
            turn.Activity.Entities = [];
            var reply = MessageFactory.Text("sent text");
            await turn.SendActivityAsync(reply, ct);
            reply.Text = "changed after sending";
        }, CancellationToken.None);

        var records = _queue.Peek(10);
        Assert.Equal("<at>MarrowBot</at> is it genetic?", TranscriptRecord.Parse(records[0].Json).Text);
        Assert.Single(TranscriptRecord.Parse(records[0].Json).Entities);
        Assert.Equal("sent text", TranscriptRecord.Parse(records[1].Json).Text);
    }

    [Fact]
    public async Task ATurnThatFailsStillHasItsIncomingActivityAndWhatItSentRecorded()
    {
        var adapter = Adapter();

        await Assert.ThrowsAsync<InvalidOperationException>(() => adapter.ProcessActivityAsync(Message("hello"), async (turn, ct) =>
        {
            await turn.SendActivityAsync(MessageFactory.Text("hi"), ct);
            throw new InvalidOperationException("the turn failed");
        }, CancellationToken.None));

        Assert.Equal(["hello", "hi"], _queue.Peek(10).Select(r => TranscriptRecord.Parse(r.Json).Text));
    }

    [Fact]
    public async Task ASkillsContinueConversationEventIsNotRecorded()
    {
        var adapter = Adapter();
        var continuation = new Activity(ActivityTypes.Event)
        {
            Name = ActivityEventNames.ContinueConversation,
            ChannelId = "test",
            Conversation = new ConversationAccount(id: "conv-1"),
            From = new ChannelAccount("user-1"),
        };

        await adapter.ProcessActivityAsync(continuation, (_, _) => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(0, _queue.Count);
    }

    private SnapshotTranscriptLoggerMiddleware Middleware() =>
        new(new BufferedTranscriptLogger(_queue, [], NullLogger<BufferedTranscriptLogger>.Instance));

    private TestAdapter Adapter()
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation("conv-1"));
        adapter.Use(Middleware());
        return adapter;
    }

    private static Activity Message(string text) => new(ActivityTypes.Message)
    {
        ChannelId = "test",
        Conversation = new ConversationAccount(id: "conv-1"),
        From = new ChannelAccount("user-1", role: RoleTypes.User),
        Recipient = new ChannelAccount("marrowbot", role: RoleTypes.Bot),
        Text = text,
        Entities = [new Entity("mention")],
    };
}
