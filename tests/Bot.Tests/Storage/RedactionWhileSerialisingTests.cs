using System.Globalization;
using System.Text.RegularExpressions;
using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Knowledge.Privacy;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// The logger redacts a person's activity while serialising it (one pass). What it stores must be exactly what the
/// previous implementation stored: the activity turned into a JObject, every value walked and redacted by path, the
/// JObject read back into an activity and serialised (<see cref="JsonWalkRedaction"/>, kept here as the reference).
/// The same holds for the redacted copy that filters registered after redaction see.
/// </summary>
public sealed class RedactionWhileSerialisingTests
{
    private static readonly PiiRedactor Redactor = new();

    public static TheoryData<string> Activities() =>
    [
        EverythingPersonal().ToString(Formatting.None),
        new JObject { ["type"] = "message", ["id"] = "m2", ["channelId"] = "msteams", ["conversation"] = new JObject { ["id"] = "c2" }, ["from"] = new JObject { ["id"] = "29:1", ["role"] = "user" }, ["text"] = "<at>Jo Bloggs</at> my postcode is SW1A 1AA", ["timestamp"] = "2026-12-02T10:00:00.123+01:00" }.ToString(Formatting.None),
        new JObject
        {
            ["type"] = "message", ["id"] = "m3", ["channelId"] = "webchat", ["conversation"] = new JObject { ["id"] = "c3", ["name"] = null, ["isGroup"] = true },
            ["from"] = new JObject { ["id"] = "u3", ["name"] = null }, ["text"] = "I have a fever of 38.5", ["locale"] = "en-GB",
            ["value"] = new JObject { ["n"] = 7700900123L, ["f"] = 38.5, ["b"] = true, ["when"] = "1985-03-12T00:00:00Z", ["big"] = 123456789012345678L, ["nested"] = new JArray(new JArray("07700 900123", 3), new JArray()) },
            ["channelData"] = new JObject { ["clientActivityID"] = "k1", ["tenant"] = new JObject { ["id"] = "t1" }, ["postBack"] = true, ["empty"] = new JObject() },
            ["attachments"] = new JArray(new JObject { ["contentType"] = "image/png", ["contentUrl"] = "data:image/png;base64,AAAA", ["thumbnailUrl"] = "https://x/jo.png", ["x-extra"] = new JObject { ["a"] = 1 } }, new JObject { ["name"] = "jo@example.com.txt" }),
            ["membersAdded"] = new JArray(new JObject { ["id"] = "jane@example.com", ["name"] = "Jane", ["role"] = "user" }),
            ["reactionsAdded"] = new JArray(new JObject { ["type"] = "like" }),
            ["relatesTo"] = new JObject { ["activityId"] = "a0", ["user"] = new JObject { ["id"] = "u", ["name"] = "Jane Doe" }, ["conversation"] = new JObject { ["id"] = "c3", ["name"] = "Jane's chat" } },
        }.ToString(Formatting.None),
        new JObject { ["type"] = "conversationUpdate", ["id"] = "m4", ["channelId"] = "emulator", ["conversation"] = new JObject { ["id"] = "c4" }, ["from"] = new JObject { ["id"] = "u4" }, ["membersAdded"] = new JArray(new JObject { ["id"] = "jane.doe@example.com", ["name"] = "Jane Doe" }) }.ToString(Formatting.None),
        new JObject { ["type"] = "message", ["id"] = "m5", ["channelId"] = "emulator", ["conversation"] = new JObject { ["id"] = "c5" }, ["text"] = "hello", ["entities"] = new JArray(new JObject { ["type"] = "mention", ["mentioned"] = new JObject { ["id"] = "1", ["name"] = "Bot" } }, JValue.CreateNull()) }.ToString(Formatting.None),
    ];

    [Theory]
    [MemberData(nameof(Activities))]
    public async Task WhatTheLoggerStoresIsWhatTheJsonWalkStored(string json)
    {
        var activity = JsonConvert.DeserializeObject<Activity>(json)!;
        var expected = TranscriptRecord.ToJson(JsonWalkRedaction.Redact(JsonConvert.DeserializeObject<Activity>(json)!, Redactor));

        var stored = await LogAsync(activity, new RedactingTranscriptFilter(Redactor, Options.Create(new PrivacyOptions()), new ForgottenConversations(TimeProvider.System)));

        Assert.Equal(expected, stored.Json);
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public async Task FiltersAfterRedactionSeeTheSameRedactedCopy(string json)
    {
        var activity = JsonConvert.DeserializeObject<Activity>(json)!;
        var expected = TranscriptRecord.ToJson(JsonWalkRedaction.Redact(JsonConvert.DeserializeObject<Activity>(json)!, Redactor));

        var stored = await LogAsync(activity, new RedactingTranscriptFilter(Redactor, Options.Create(new PrivacyOptions()), new ForgottenConversations(TimeProvider.System)), new Unchanged());

        Assert.Equal(expected, stored.Json);
    }

    [Fact]
    public async Task TheIndexedFactsOfARedactedRecordAreTheActivitysOwn()
    {
        var activity = JsonConvert.DeserializeObject<Activity>(EverythingPersonal().ToString())!;

        var stored = await LogAsync(activity, new RedactingTranscriptFilter(Redactor, Options.Create(new PrivacyOptions()), new ForgottenConversations(TimeProvider.System)));

        Assert.Equal(("test", "conv-everything", "m1", "user", "message"), (stored.ChannelId, stored.ConversationId, stored.ActivityId, stored.FromRole, stored.Type));
        Assert.Equal(activity.Timestamp, stored.Timestamp);
        Assert.DoesNotContain("jane.doe@example.com", stored.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("07700 900123", stored.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Doe", stored.Json, StringComparison.Ordinal);
    }

    private static async Task<TranscriptRecord> LogAsync(Activity activity, params ITranscriptFilter[] filters)
    {
        var queue = new TranscriptQueue(Options.Create(new StorageOptions()));
        await new BufferedTranscriptLogger(queue, filters, NullLogger<BufferedTranscriptLogger>.Instance).LogActivityAsync(activity);
        Assert.Equal(0, queue.Rejected);
        return Assert.Single(queue.Peek(10));
    }

    private static JObject EverythingPersonal() => new()
    {
        ["type"] = "message", ["id"] = "m1", ["channelId"] = "test", ["serviceUrl"] = "http://127.0.0.1:9", ["timestamp"] = "2026-12-02T10:00:00Z",
        ["text"] = "my name is Jane Doe and my number is 07700 900123",
        ["from"] = new JObject { ["id"] = "jane.doe@example.com", ["name"] = "Jane Doe", ["role"] = "user", ["aadObjectId"] = "jane.doe@example.com" },
        ["recipient"] = new JObject { ["id"] = "marrowbot", ["name"] = "Jane Doe's bot", ["role"] = "bot" },
        ["conversation"] = new JObject { ["id"] = "conv-everything", ["name"] = "Jane Doe and family", ["jobTitle"] = "ward 7, 07700 900123" },
        ["speak"] = "my email is jane.doe@example.com",
        ["summary"] = "I'm Jane Doe, 12 Baker Street, SW1A 1AA",
        ["label"] = "DOB 12/03/1985",
        ["name"] = "jane.doe@example.com",
        ["topicName"] = "call me on 07700 900123",
        ["value"] = new JObject
        {
            ["nhs"] = "NHS number 943 476 5919", ["nhsNumber"] = 9434765919L, ["dateOfBirth"] = "1985-03-12", ["born"] = "born 12/03/1985",
            ["hospital"] = new JArray("MRN RX1234567", new JObject { ["email"] = "jane.doe@example.com" }),
        },
        ["channelData"] = new JObject { ["clientActivityID"] = "c-42", ["phone"] = "+44 7700 900123", ["contact"] = new JObject { ["home"] = "020 7946 0000 or 07700 900123" } },
        ["entities"] = new JArray(
            new JObject { ["type"] = "clientInfo", ["email"] = "jane.doe@example.com", ["address"] = "12 Baker Street, SW1A 1AA" },
            new JObject { ["type"] = "mention", ["mentioned"] = new JObject { ["id"] = "29:1", ["name"] = "John Smith" }, ["text"] = "<at>John Smith</at>" }),
        ["attachments"] = new JArray(new JObject
        {
            ["contentType"] = "application/json", ["name"] = "jane.doe@example.com.pdf",
            ["content"] = new JObject { ["patient"] = "Jane Doe", ["nhs"] = "943 476 5919" }, ["contentUrl"] = "https://example.com/Jane-Doe.pdf",
        }),
        ["textHighlights"] = new JArray(new JObject { ["text"] = "07700 900123", ["occurrence"] = 1 }),
        ["x-patient"] = "this is Jane Doe speaking, jane.doe@example.com",
    };

    private sealed class Unchanged : ITranscriptFilter
    {
        public IActivity? Apply(IActivity activity) => activity;
    }

    /// <summary>The redaction as it was before it was done while serialising (2026-12-01): a JObject walked by path.</summary>
    private static class JsonWalkRedaction
    {
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

        private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
        {
            "from.name", "recipient.name", "conversation.name", "membersAdded[].name", "membersRemoved[].name",
            "entities[].mentioned.name", "relatesTo.user.name", "relatesTo.bot.name", "relatesTo.conversation.name",
        };

        private static readonly Regex Mention = new("<at>[^<]*</at>", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

        private static readonly JsonSerializer Serializer = JsonSerializer.Create(TranscriptRecord.JsonSettings);

        public static Activity Redact(Activity activity, PiiRedactor redactor)
        {
            var json = JObject.FromObject(activity, Serializer);
            if (json["attachments"] is JArray attachments)
            {
                json["attachments"] = new JArray(attachments.Select(JToken (a) => a is JObject attachment
                    ? RemoveNulls(new JObject { ["contentType"] = attachment["contentType"], ["name"] = attachment["name"] })
                    : JValue.CreateNull()));
            }

            Walk(json, string.Empty, redactor);
            return json.ToObject<Activity>(Serializer)!;
        }

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
                    value.Value = value.Type == JTokenType.Null ? null : "[name]";
                    break;
                case JValue value when !Structural.Contains(path):
                    RedactValue(value, redactor);
                    break;
            }
        }

        private static void RedactValue(JValue value, PiiRedactor redactor)
        {
            switch (value.Type)
            {
                case JTokenType.String:
                    var redactedText = redactor.Redact((string)value.Value!);
                    value.Value = redactedText.Contains("<at>", StringComparison.Ordinal) ? Mention.Replace(redactedText, "<at>[name]</at>") : redactedText;
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

        private static JObject RemoveNulls(JObject json)
        {
            foreach (var property in json.Properties().Where(p => p.Value.Type == JTokenType.Null).ToList())
            {
                property.Remove();
            }

            return json;
        }
    }
}
