using System.Reflection;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// Shallow copies of activities for the transcript: the copy's own properties (text, id, timestamp, type, the
/// attachment list) can be set without reaching the turn's activity, at the cost of one object. The objects it
/// refers to (accounts, lists, entities, attachments) are shared with the original, so whoever holds a copy
/// replaces them and never changes them. A deep copy by JSON, as Bot Builder's TranscriptLoggerMiddleware makes of
/// every activity, cost 30-45 µs per reply here: a fifth of a turn's CPU (ADR 0008).
/// </summary>
internal static class ActivityCopy
{
    private static readonly Func<object, object> Clone = typeof(object)
        .GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!
        .CreateDelegate<Func<object, object>>();

    /// <summary>A shallow copy of <paramref name="activity"/>; an <see cref="IActivity"/> that is not an <see cref="Activity"/> is copied through JSON.</summary>
    public static Activity Shallow(IActivity activity) => activity is Activity concrete
        ? (Activity)Clone(concrete)
        : JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(activity, TranscriptRecord.JsonSettings), TranscriptRecord.JsonSettings)!;
}
