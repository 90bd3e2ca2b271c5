using System.Collections.Frozen;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Observability;

/// <summary>
/// Maps what a caller sent to a short fixed list of tag values. The channel id and activity type are whatever the
/// caller wrote: taken as they come they would let anyone create a new time series per request (and carry any text
/// they chose into the metrics), so anything not on the list is "other".
/// </summary>
internal static class MetricTags
{
    public const string Other = "other";

    private static readonly FrozenSet<string> Channels = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "msteams", "directline", "webchat", "emulator", "test", "directlinespeech", "telephony", "slack", "facebook", "telegram",
        "email", "sms", "line", "kik", "groupme", "webex", "omnichannel", "outlook", "alexa", "skype", "console", "cortana");

    private static readonly FrozenSet<string> ActivityTypes = typeof(ActivityTypes).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Kinds = Enum.GetNames<ReplyKind>().Select(n => n.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Tiers = Enum.GetNames<TriageTier>().Select(n => n.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);

    public static string Channel(string? channelId) =>
        channelId is not null && Channels.TryGetValue(channelId, out var known) ? known : Other;

    public static string ActivityType(string? type) =>
        type is not null && ActivityTypes.TryGetValue(type, out var known) ? known : Other;

    public static string Kind(string? kind) => kind is not null && Kinds.TryGetValue(kind, out var known) ? known : Other;

    public static string Tier(string? tier) => tier is not null && Tiers.TryGetValue(tier, out var known) ? known : Other;

    /// <summary>The rank of a tier name as <see cref="TriageTier"/> orders them; -1 for anything else.</summary>
    public static int Rank(string? tier) => Enum.TryParse<TriageTier>(tier, ignoreCase: true, out var parsed) && Tiers.Contains(tier!) ? (int)parsed : -1;
}
