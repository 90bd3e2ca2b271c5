using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Bot.Transcripts;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Storage;

public sealed class BufferedTranscriptLoggerTests : IDisposable
{
    private readonly TranscriptQueue _queue = new(Options.Create(new StorageOptions { TranscriptBufferCapacity = 10 }));
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;

    public BufferedTranscriptLoggerTests() => _loggers = new LoggerFactory([_logs]);

    [Fact]
    public async Task QueuesASnapshotThatLaterChangesToTheActivityDoNotReach()
    {
        var activity = Message("first words");

        await Logger().LogActivityAsync(activity);
        activity.Text = "changed by the turn";
        activity.Conversation.Id = "another";

        var record = Assert.Single(_queue.Peek(10));
        Assert.Equal("first words", Text(record).Text);
        Assert.Equal("conv-1", Text(record).Conversation.Id);
        Assert.Equal("conv-1", record.ConversationId);
    }

    [Fact]
    public async Task FiltersRunInOrderOnTheLoggersOwnCopy()
    {
        var activity = Message("my number is 07700 900123");

        await Logger(new Replace("07700 900123", "[number]"), new Replace("[number]", "[redacted]")).LogActivityAsync(activity);

        Assert.Equal("my number is [redacted]", (Text(Assert.Single(_queue.Peek(10)))).Text);
        Assert.Equal("my number is 07700 900123", activity.Text);
    }

    [Fact]
    public async Task AFilterThatReturnsNullKeepsTheActivityOut()
    {
        await Logger(new DropAll()).LogActivityAsync(Message("hello"));

        Assert.Equal(0, _queue.Count);
        Assert.Equal(0, _queue.Rejected);
    }

    [Fact]
    public async Task AnActivityIsNeverStoredUnfilteredWhenAFilterFails()
    {
        var logger = Logger(new Throwing());

        await logger.LogActivityAsync(Message("quagga-5512 my gums bleed"));

        Assert.Equal(0, _queue.Count);
        Assert.Equal(1, _queue.Rejected);
        Assert.Contains(_logs.Lines, l => l.Contains("filtering it failed with InvalidOperationException", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("quagga", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnActivityWithoutAConversationIsKeptOutAndCounted()
    {
        var activity = Message("hello");
        activity.Conversation = null;

        await Logger().LogActivityAsync(activity);
        await Logger().LogActivityAsync(null!);

        Assert.Equal(0, _queue.Count);
        Assert.Equal(1, _queue.Rejected);
    }

    [Fact]
    public async Task AFullBufferDropsTheNewestAndNeverThrows()
    {
        var logger = Logger();

        for (var i = 0; i < 15; i++)
        {
            await logger.LogActivityAsync(Message($"message {i}"));
        }

        Assert.Equal(10, _queue.Count);
        Assert.Equal(5, _queue.Dropped);
        Assert.Equal("message 0", Text(_queue.Peek(1)[0]).Text);
    }

    private BufferedTranscriptLogger Logger(params ITranscriptFilter[] filters) =>
        new(_queue, filters, _loggers.CreateLogger<BufferedTranscriptLogger>());

    public void Dispose() => _loggers.Dispose();

    private static IMessageActivity Text(TranscriptRecord record) => TranscriptRecord.Parse(record.Json);

    private static Activity Message(string text) => new(ActivityTypes.Message)
    {
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "test",
        Conversation = new ConversationAccount(id: "conv-1"),
        From = new ChannelAccount("user-1", role: RoleTypes.User),
        Text = text,
    };

    private sealed class Replace(string from, string to) : ITranscriptFilter
    {
        public IActivity? Apply(IActivity activity)
        {
            var message = (IMessageActivity)activity;
            message.Text = message.Text.Replace(from, to, StringComparison.Ordinal);
            return message;
        }
    }

    private sealed class DropAll : ITranscriptFilter
    {
        public IActivity? Apply(IActivity activity) => null;
    }

    private sealed class Throwing : ITranscriptFilter
    {
        public IActivity? Apply(IActivity activity) => throw new InvalidOperationException("pattern failed on " + ((IMessageActivity)activity).Text);
    }
}
