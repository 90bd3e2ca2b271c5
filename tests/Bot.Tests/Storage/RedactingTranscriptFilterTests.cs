using MarrowBot.Bot.Transcripts;
using MarrowBot.Knowledge.Privacy;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>The redaction filter works on the logger's shallow copy, so what it shares with the turn must stay as the turn left it.</summary>
public sealed class RedactingTranscriptFilterTests
{
    [Fact]
    public async Task TheStoredCopyIsRedactedWhileTheTurnsActivityAndAttachmentsStayAsTheyWere()
    {
        var queue = new TranscriptQueue(Options.Create(new MarrowBot.Bot.Storage.StorageOptions()));
        var filter = new RedactingTranscriptFilter(new PiiRedactor(), Options.Create(new PrivacyOptions()), new ForgottenConversations(TimeProvider.System));
        var logger = new BufferedTranscriptLogger(queue, [filter], NullLogger<BufferedTranscriptLogger>.Instance);
        var attachment = new Attachment("image/png", contentUrl: "data:image/png;base64,AAAA", name: "jo@example.com letter.png");
        var activity = new Activity(ActivityTypes.Message)
        {
            Id = "a1",
            ChannelId = "test",
            Conversation = new ConversationAccount(id: "conv-1"),
            From = new ChannelAccount("user-1", role: RoleTypes.User),
            Text = "call me on 07700 900123",
            Attachments = [attachment],
        };

        await logger.LogActivityAsync(activity);

        var stored = TranscriptRecord.Parse(Assert.Single(queue.Peek(1)).Json);
        Assert.Equal("call me on [phone]", stored.Text);
        var storedAttachment = Assert.Single(stored.Attachments);
        Assert.Equal("[email] letter.png", storedAttachment.Name);
        Assert.Null(storedAttachment.ContentUrl);
        Assert.Equal("image/png", storedAttachment.ContentType);
        Assert.Equal("call me on 07700 900123", activity.Text);
        Assert.Same(attachment, Assert.Single(activity.Attachments));
        Assert.Equal("jo@example.com letter.png", attachment.Name);
        Assert.Equal("data:image/png;base64,AAAA", attachment.ContentUrl);
    }
}
