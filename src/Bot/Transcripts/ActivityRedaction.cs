using System.Text.RegularExpressions;
using MarrowBot.Knowledge.Privacy;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// Redacts every string a person sent in an activity, wherever it is: the activity's JSON is walked as it is written
/// (<see cref="RedactingJsonWriter"/>; text, names of the sender, recipient, conversation and members, value,
/// channelData, entities, extension properties, anything a client adds) and each string, number or date is passed through the <see cref="PiiRedactor"/> (names of accounts
/// and @mentions, which carry no introduction the redactor could see, are replaced whole), except the fields
/// that say what the activity is and where it belongs, which the stores, staff tools and "forget me" need exactly
/// (<see cref="Structural"/>: ids, channel, type, time, locale, roles, content and entity types, reaction types).
/// Attachments keep their type and redacted name only: their content can be anything (a photo of a letter), so it
/// is never stored. The result is a new activity: nothing the turn holds is changed.
/// </summary>
internal static class ActivityRedaction
{
    /// <summary>Fields kept verbatim, by path ("[]" for any array element): what the activity is, never what it says.</summary>
    private static readonly HashSet<string> Structural = new(StringComparer.Ordinal)
    {
        "type", "id", "timestamp", "localTimestamp", "localTimezone", "serviceUrl", "channelId", "replyToId", "locale",
        "textFormat", "inputHint", "attachmentLayout", "deliveryMode", "importance", "callerId", "expiration", "action",
        "from.role", "recipient.id", "recipient.role",
        "conversation.id", "conversation.conversationType", "conversation.tenantId", "conversation.isGroup",
        "membersAdded[].role", "membersRemoved[].role",
        "attachments[].contentType", "entities[].type", "reactionsAdded[].type", "reactionsRemoved[].type",
        "relatesTo.activityId", "relatesTo.channelId", "relatesTo.serviceUrl", "relatesTo.conversation.id",
        "channelData.clientActivityID", "channelData.tenant.id",
    };

    /// <summary>Fields that hold a person's or a conversation's name, with no introduction the redactor could see: replaced whole.</summary>
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "from.name", "recipient.name", "conversation.name", "membersAdded[].name", "membersRemoved[].name",
        "entities[].mentioned.name", "relatesTo.user.name", "relatesTo.bot.name", "relatesTo.conversation.name",
    };

    /// <summary>What a name is replaced with, the redactor's own placeholder.</summary>
    public const string NamePlaceholder = "[name]";

    private static readonly Regex Mention = new("<at>[^<]*</at>", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(TranscriptRecord.JsonSettings);

    /// <summary>Lookups by path without a string per value (<see cref="RedactingJsonWriter"/> keeps the path in a buffer).</summary>
    internal static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StructuralLookup = Structural.GetAlternateLookup<ReadOnlySpan<char>>();

    internal static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NameLookup = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A redacted copy of a person's activity (for filters that come after redaction; the logger itself stores <see cref="RedactedJson"/>).</summary>
    public static Activity Redact(Activity activity, PiiRedactor redactor)
    {
        using var tokens = new JTokenWriter();
        using (var writer = new RedactingJsonWriter(tokens, redactor))
        {
            Serializer.Serialize(writer, activity);
        }

        return tokens.Token!.ToObject<Activity>(Serializer)!;
    }

    /// <summary>
    /// The stored JSON of a person's activity, redacted while it is serialised: the same text as serialising
    /// <see cref="Redact"/>'s copy, in one pass instead of a JSON round trip and a second serialisation.
    /// </summary>
    public static string RedactedJson(Activity activity, PiiRedactor redactor) => TranscriptRecord.ToJson(activity, redactor);

    /// <summary>
    /// The bot's own reply with what Bot Builder copied into its addressing from the message it answers redacted
    /// (the names of the recipient, of the bot as the client called it, and of the conversation, the recipient's
    /// id); its text is curated and stored as sent. Typed fields only: no JSON walk per reply.
    /// </summary>
    public static Activity RedactAddressing(Activity reply, PiiRedactor redactor)
    {
        if (reply.From is { } bot)
        {
            reply.From = new ChannelAccount(bot.Id, bot.Name is null ? null : NamePlaceholder, bot.Role);
        }

        if (reply.Recipient is { } to)
        {
            reply.Recipient = new ChannelAccount(Redact(to.Id, redactor), to.Name is null ? null : NamePlaceholder, to.Role);
        }

        if (reply.Conversation is { } conversation)
        {
            reply.Conversation = new ConversationAccount(conversation.IsGroup, conversation.ConversationType, conversation.Id, conversation.Name is null ? null : NamePlaceholder, tenantId: conversation.TenantId);
        }

        return reply;
    }

    /// <summary>A string a person sent, redacted; Teams marks each @mention in the text ("&lt;at&gt;Jo Bloggs&lt;/at&gt;"), the name of whoever was mentioned, which is replaced whole.</summary>
    internal static string RedactText(string text, PiiRedactor redactor)
    {
        var redacted = redactor.Redact(text);
        return redacted.Contains("<at>", StringComparison.Ordinal) ? Mention.Replace(redacted, "<at>" + NamePlaceholder + "</at>") : redacted;
    }

    private static string? Redact(string? text, PiiRedactor redactor) => text is null ? null : redactor.Redact(text);
}
