using System.Globalization;
using System.Text.RegularExpressions;
using MarrowBot.Knowledge.Privacy;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// Redacts every string a person sent in an activity, wherever it is: the activity's JSON is walked (text, names of
/// the sender, recipient, conversation and members, value, channelData, entities, extension properties, anything a
/// client adds) and each string, number or date is passed through the <see cref="PiiRedactor"/> (names of accounts
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

    /// <summary>A redacted copy of a person's activity.</summary>
    public static Activity Redact(Activity activity, PiiRedactor redactor)
    {
        var json = JObject.FromObject(activity, Serializer);
        if (json["attachments"] is JArray attachments)
        {
            json["attachments"] = new JArray(attachments.Select(JToken (a) => a is JObject attachment
                ? new JObject { ["contentType"] = attachment["contentType"], ["name"] = attachment["name"] }.RemoveNulls()
                : JValue.CreateNull()));
        }

        Walk(json, string.Empty, redactor);
        return json.ToObject<Activity>(Serializer)!;
    }

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

    private static string? Redact(string? text, PiiRedactor redactor) => text is null ? null : redactor.Redact(text);

    private static void Walk(JToken token, string path, PiiRedactor redactor)
    {
        switch (token)
        {
            case JObject json:
                foreach (var property in json.Properties())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, redactor);
                }

                break;
            case JArray array:
                foreach (var item in array)
                {
                    Walk(item, path + "[]", redactor);
                }

                break;
            case JValue value when Names.Contains(path):
                value.Value = value.Type == JTokenType.Null ? null : NamePlaceholder;
                break;
            case JValue value when !Structural.Contains(path):
                RedactValue(value, redactor);
                break;
        }
    }

    /// <summary>Strings are redacted; a number or date is too when its text holds personal data (an NHS number sent as a number).</summary>
    private static void RedactValue(JValue value, PiiRedactor redactor)
    {
        switch (value.Type)
        {
            case JTokenType.String:
                var redactedText = redactor.Redact((string)value.Value!);

                // Teams marks each @mention in the text ("<at>Jo Bloggs</at>"): the name of whoever was mentioned.
                value.Value = redactedText.Contains("<at>", StringComparison.Ordinal) ? Mention.Replace(redactedText, "<at>" + NamePlaceholder + "</at>") : redactedText;
                break;
            case JTokenType.Integer or JTokenType.Float or JTokenType.Date:
                var text = value.Value switch
                {
                    DateTime date => date.ToString("O", CultureInfo.InvariantCulture),
                    DateTimeOffset date => date.ToString("O", CultureInfo.InvariantCulture),
                    _ => value.ToString(Formatting.None),
                };
                var redacted = redactor.Redact(text);
                if (!string.Equals(redacted, text, StringComparison.Ordinal))
                {
                    value.Value = redacted;
                }

                break;
        }
    }

    private static JObject RemoveNulls(this JObject json)
    {
        foreach (var property in json.Properties().Where(p => p.Value.Type == JTokenType.Null).ToList())
        {
            property.Remove();
        }

        return json;
    }
}
