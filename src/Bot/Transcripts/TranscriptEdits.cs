using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// messageUpdate and messageDelete, as Bot Builder's MemoryTranscriptStore applies them: an update replaces the
/// stored activity but keeps its type and times; a delete leaves a tombstone with no content in its place.
/// </summary>
public static class TranscriptEdits
{
    public static Activity Updated(Activity original, Activity update)
    {
        update.Type = original.Type;
        update.Timestamp = original.Timestamp;
        update.LocalTimestamp = original.LocalTimestamp;
        return update;
    }

    public static Activity Tombstone(Activity original) => new()
    {
        Type = ActivityTypes.MessageDelete,
        Id = original.Id,
        From = new ChannelAccount("deleted", role: original.From?.Role),
        Recipient = new ChannelAccount("deleted", role: original.Recipient?.Role),
        Locale = original.Locale,
        LocalTimestamp = original.Timestamp,
        Timestamp = original.Timestamp,
        ChannelId = original.ChannelId,
        Conversation = original.Conversation,
        ServiceUrl = original.ServiceUrl,
        ReplyToId = original.ReplyToId,
    };
}
