using System.Globalization;
using System.Text;
using MarrowBot.Bot.Channels.Teams;
using MarrowBot.Bot.Conversation;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Privacy;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// One activity as the transcript stores keep it: its JSON, and the facts indexed beside it. The outcome (reply kind
/// and triage tier) comes from the bot's marrowbot.outcome entity; reactions are the types added and removed.
/// </summary>
public sealed record TranscriptRecord(
    string ChannelId,
    string ConversationId,
    string ActivityId,
    DateTimeOffset Timestamp,
    string? FromRole,
    string Type,
    string? OutcomeKind,
    TriageTier? Triage,
    IReadOnlyList<string> ReactionsAdded,
    IReadOnlyList<string> ReactionsRemoved,
    string Json)
{
    /// <summary>How activities are written as JSON: as Bot Builder's transcript middleware copies them (no nulls).</summary>
    public static JsonSerializerSettings JsonSettings { get; } = new() { NullValueHandling = NullValueHandling.Ignore, MaxDepth = 128 };

    /// <summary>One serializer for every record (JsonConvert would build one per call from the settings).</summary>
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(JsonSettings);

    /// <summary>Each thread's buffer for writing records: a record is written on the turn's CPU, so it should not reallocate as it grows.</summary>
    [ThreadStatic]
    private static StringBuilder? t_buffer;

    public bool IsUpdate => Type == ActivityTypes.MessageUpdate;

    public bool IsDelete => Type == ActivityTypes.MessageDelete;

    /// <summary>The record for <paramref name="activity"/>; it must name its channel and conversation.</summary>
    public static TranscriptRecord From(IActivity activity) => From(activity, redactor: null);

    /// <summary>
    /// The record for <paramref name="activity"/> with its JSON redacted as it is written (<see cref="RedactingJsonWriter"/>)
    /// when <paramref name="redactor"/> is given; the indexed facts (ids, type, time, role, reaction types) are fields
    /// that redaction keeps as they are.
    /// </summary>
    internal static TranscriptRecord From(IActivity activity, PiiRedactor? redactor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channel = activity.ChannelId;
        var conversation = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(conversation))
        {
            throw new ArgumentException("A transcript activity needs a channel id and a conversation id.", nameof(activity));
        }

        var (kind, triage) = OutcomeOf(activity);
        var reactions = activity as IMessageReactionActivity;
        return new TranscriptRecord(
            channel,
            conversation,
            string.IsNullOrEmpty(activity.Id) ? "g_" + Guid.NewGuid().ToString("N") : activity.Id,
            activity.Timestamp ?? DateTimeOffset.UtcNow,
            activity.From?.Role,
            string.IsNullOrEmpty(activity.Type) ? "unknown" : activity.Type,
            kind,
            triage,
            activity.Type == ActivityTypes.MessageReaction ? ReactionTypes(reactions?.ReactionsAdded) : [],
            activity.Type == ActivityTypes.MessageReaction ? ReactionTypes(reactions?.ReactionsRemoved) : [],
            ToJson(activity, redactor));
    }

    /// <summary>An activity's JSON as the stores keep it.</summary>
    public static string ToJson(IActivity activity) => ToJson(activity, redactor: null);

    /// <summary>An activity's JSON as the stores keep it, redacted as it is written when <paramref name="redactor"/> is given.</summary>
    internal static string ToJson(IActivity activity, PiiRedactor? redactor)
    {
        var buffer = t_buffer ?? new StringBuilder(4096);
        t_buffer = null;
        buffer.Clear();
        using (JsonWriter writer = redactor is null
            ? new JsonTextWriter(new StringWriter(buffer, CultureInfo.InvariantCulture))
            : new RedactingJsonWriter(new JsonTextWriter(new StringWriter(buffer, CultureInfo.InvariantCulture)), redactor))
        {
            Serializer.Serialize(writer, activity);
        }

        var json = buffer.ToString();
        if (buffer.Capacity <= 64 * 1024)
        {
            t_buffer = buffer;
        }

        return json;
    }

    /// <summary>Reads an activity back from its stored JSON.</summary>
    public static Activity Parse(string json) => JsonConvert.DeserializeObject<Activity>(json, JsonSettings)!;

    /// <summary>The reply kind and triage tier of the bot's outcome entity, if the activity has one.</summary>
    internal static (string? Kind, TriageTier? Triage) OutcomeOf(IActivity activity)
    {
        var entity = (activity as IMessageActivity)?.Entities?.FirstOrDefault(e => e?.Type == ReplyActivities.OutcomeEntityType);
        if (entity?.Properties is not { } properties)
        {
            return (null, null);
        }

        var kind = Enum.TryParse<ReplyKind>(properties.Value<string>("kind"), ignoreCase: true, out var parsedKind) && Enum.IsDefined(parsedKind)
            ? parsedKind.ToString().ToLowerInvariant()
            : null;
        TriageTier? triage = Enum.TryParse<TriageTier>(properties.Value<string>("triage"), ignoreCase: true, out var tier) && Enum.IsDefined(tier)
            ? tier
            : null;
        return (kind, triage);
    }

    private static List<string> ReactionTypes(IList<MessageReaction>? reactions) =>
        reactions?.Where(r => r is not null).Select(r => ReactionRecorder.NormalizeType(r.Type)).ToList() ?? [];
}
