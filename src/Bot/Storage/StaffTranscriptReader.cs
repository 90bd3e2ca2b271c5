using System.Globalization;
using MarrowBot.Bot.Conversation;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Conversations;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// Reads stored activities (Bot Framework JSON, already redacted) into the transcript staff see: the messages in
/// order with their text, attachment titles and button text; each bot reply's outcome entity as its annotations;
/// reactions folded onto the reply they answer; other activity types (joins, typing, events) left out.
/// </summary>
internal static class StaffTranscriptReader
{
    private static readonly JsonSerializerSettings Settings = new() { MaxDepth = 128, DateParseHandling = DateParseHandling.None };

    public static IReadOnlyList<TranscriptTurn> Read(IReadOnlyList<StoredActivity> activities, IReadOnlyList<TurnLabel> labels)
    {
        var turns = new List<TranscriptTurn>();
        var reactions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byJsonId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stored in activities)
        {
            var json = JsonConvert.DeserializeObject<JObject>(stored.Json, Settings) ?? [];
            var type = (string?)json["type"] ?? stored.Type;
            if (type == "messageReaction")
            {
                if ((string?)json["replyToId"] is { Length: > 0 } replyTo)
                {
                    var list = reactions.TryGetValue(replyTo, out var existing) ? existing : reactions[replyTo] = [];
                    list.AddRange(Types(json["reactionsAdded"]));
                    list.AddRange(Types(json["reactionsRemoved"]).Select(t => t + " (removed)"));
                }

                continue;
            }

            if (type is not ("message" or "messageDelete"))
            {
                continue;
            }

            if ((string?)json["id"] is { Length: > 0 } jsonId)
            {
                byJsonId[jsonId] = stored.ActivityId;
            }

            var role = stored.FromRole == "bot" ? "bot" : "user";
            if (type == "messageDelete")
            {
                turns.Add(new TranscriptTurn(stored.ActivityId, stored.Timestamp, role, null, [], [], null, [], Labelled(labels, stored.ActivityId)) { Deleted = true });
                continue;
            }

            var attachments = new List<string>();
            var buttons = new List<string>();
            foreach (var attachment in json["attachments"] as JArray ?? [])
            {
                var content = attachment["content"] as JObject;
                if (FirstText((string?)attachment["name"], (string?)content?["title"], (string?)content?["subtitle"]) is { } title)
                {
                    attachments.Add(title);
                }

                buttons.AddRange(Titles(content?["buttons"]));
            }

            buttons.AddRange(Titles(json["suggestedActions"]?["actions"]));
            var outcome = (json["entities"] as JArray)?.OfType<JObject>().FirstOrDefault(e => (string?)e["type"] == ReplyActivities.OutcomeEntityType);
            turns.Add(new TranscriptTurn(
                stored.ActivityId,
                stored.Timestamp,
                role,
                (string?)json["text"],
                attachments,
                buttons,
                role == "bot" && outcome is not null ? Annotations(outcome) : null,
                [],
                Labelled(labels, stored.ActivityId)));
        }

        // A reaction names the reply by the id the channel gave it, which is the stored id or the JSON's own.
        return turns.Select(t => Reacted(t, reactions, byJsonId)).ToList();
    }

    private static TranscriptTurn Reacted(TranscriptTurn turn, Dictionary<string, List<string>> reactions, Dictionary<string, string> byJsonId)
    {
        var found = reactions.GetValueOrDefault(turn.ActivityId)
            ?? byJsonId.Where(p => p.Value == turn.ActivityId).Select(p => reactions.GetValueOrDefault(p.Key)).FirstOrDefault(r => r is not null);
        return found is null ? turn : turn with { Reactions = found };
    }

    private static ReplyAnnotations Annotations(JObject outcome)
    {
        var tier = Enum.TryParse<TriageTier>((string?)outcome["triage"], ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : TriageTier.None;
        double? confidence = outcome["confidence"] is JValue { Type: JTokenType.Float or JTokenType.Integer } value
            ? Convert.ToDouble(value.Value, CultureInfo.InvariantCulture)
            : null;
        return new ReplyAnnotations(
            (string?)outcome["kind"],
            (string?)outcome["intent"],
            confidence,
            tier,
            Strings(outcome["categories"]),
            Evidence(outcome["evidence"]),
            Strings(outcome["sections"]),
            outcome["path"] is JValue { Type: JTokenType.String } path ? (string?)path : null);
    }

    /// <summary>
    /// Evidence as the outcome entity carries it, one line each: what fired and its id, the triage category and tier,
    /// the curated phrasing's id and the score ("triage-meaning meaning:breathless [breathlessness, urgent] breathless#2 0.72").
    /// Identifiers and numbers only: the entity never carries the person's words. A plain string is kept as it is.
    /// </summary>
    private static List<string> Evidence(JToken? token) =>
        (token as JArray ?? []).Select(e => e switch
        {
            JValue { Type: JTokenType.String } s => (string?)s,
            JObject o => EvidenceLine(o),
            _ => null,
        }).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();

    private static string EvidenceLine(JObject o)
    {
        var triage = string.Join(", ", new[] { Text(o["category"]), Text(o["tier"]) }.Where(p => !string.IsNullOrEmpty(p)));
        double? score = o["score"] is JValue { Type: JTokenType.Float or JTokenType.Integer } value ? Convert.ToDouble(value.Value, CultureInfo.InvariantCulture) : null;
        return string.Join(" ", new[]
        {
            Text(o["source"]),
            Text(o["id"]) ?? Text(o["rule"]),
            triage.Length > 0 ? $"[{triage}]" : null,
            Text(o["exemplar"]),
            score?.ToString("0.00", CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p)));
    }

    private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value : null;

    private static List<string> Strings(JToken? token) =>
        (token as JArray ?? []).OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => (string)v!).ToList();

    private static IEnumerable<string> Titles(JToken? buttons) =>
        (buttons as JArray ?? []).OfType<JObject>().Select(b => FirstText((string?)b["title"], (string?)b["text"], (string?)b["displayText"])).Where(t => t is not null).Select(t => t!);

    private static IEnumerable<string> Types(JToken? reactions) =>
        (reactions as JArray ?? []).OfType<JObject>().Select(r => (string?)r["type"]).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!);

    private static string? FirstText(params string?[] candidates) => candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));

    private static List<TurnLabel> Labelled(IReadOnlyList<TurnLabel> labels, string activityId) => labels.Where(l => l.ActivityId == activityId).ToList();
}

/// <summary>One activities row as the transcript reader needs it.</summary>
internal sealed record StoredActivity(string ActivityId, DateTimeOffset Timestamp, string? FromRole, string Type, string Json);
