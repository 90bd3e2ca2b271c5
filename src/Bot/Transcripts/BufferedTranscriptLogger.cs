using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// The transcript logger <see cref="SnapshotTranscriptLoggerMiddleware"/> calls when a turn ends. It never blocks or
/// fails the turn: it takes its own shallow copy of the activity (<see cref="ActivityCopy"/>), runs any
/// <see cref="ITranscriptFilter"/>s on it, serialises it at once (so later changes by the turn cannot reach what is
/// stored), and puts the record in the <see cref="TranscriptQueue"/>; <see cref="TranscriptWriter"/> stores it later.
/// Problems are counted and logged by type, never with the activity's content.
/// </summary>
public sealed partial class BufferedTranscriptLogger(TranscriptQueue queue, IEnumerable<ITranscriptFilter> filters, ILogger<BufferedTranscriptLogger> logger) : ITranscriptLogger
{
    /// <summary>The filters, but for the redacting filter when it is the last one (the default): that one makes the record itself (<see cref="RedactingTranscriptFilter.ToRecord"/>).</summary>
    private readonly (ITranscriptFilter[] Before, RedactingTranscriptFilter? Recorder) _filters = Split(filters);

    /// <inheritdoc/>
    public Task LogActivityAsync(IActivity activity)
    {
        if (activity is null)
        {
            return Task.CompletedTask;
        }

        TranscriptRecord? record;
        try
        {
            var snapshot = Filter(ActivityCopy.Shallow(activity));
            if (snapshot is null)
            {
                return Task.CompletedTask;
            }

            if (string.IsNullOrEmpty(snapshot.ChannelId) || string.IsNullOrEmpty(snapshot.Conversation?.Id))
            {
                queue.CountRejected();
                LogUnaddressed(logger, snapshot.Type);
                return Task.CompletedTask;
            }

            // Redaction last (the default): it redacts while it serialises. Redaction keeps the channel and the
            // conversation id, so the check above holds for what it returns.
            record = _filters.Recorder is { } recorder ? recorder.ToRecord(snapshot) : TranscriptRecord.From(snapshot);
            if (record is null)
            {
                return Task.CompletedTask;
            }
        }
        catch (Exception ex)
        {
            queue.CountRejected();
            LogRejected(logger, ex.GetType().Name, activity.Type, activity.Conversation?.Id);
            return Task.CompletedTask;
        }

        queue.TryEnqueue(record);
        return Task.CompletedTask;
    }

    /// <summary>Runs the filters in order on the logger's copy; null when one of them keeps the activity out.</summary>
    private IActivity? Filter(IActivity copy)
    {
        IActivity? filtered = copy;
        foreach (var filter in _filters.Before)
        {
            if (filtered is null)
            {
                break;
            }

            filtered = filter.Apply(filtered);
        }

        return filtered;
    }

    private static (ITranscriptFilter[] Before, RedactingTranscriptFilter? Recorder) Split(IEnumerable<ITranscriptFilter> filters) =>
        filters.ToArray() is [.. var before, RedactingTranscriptFilter last] ? (before, last) : (filters.ToArray(), null);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ActivityType} activity in conversation {ConversationId} was kept out of the transcript: copying or filtering it failed with {ExceptionType}")]
    private static partial void LogRejected(ILogger logger, string exceptionType, string? activityType, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {ActivityType} activity without a channel or conversation id was kept out of the transcript")]
    private static partial void LogUnaddressed(ILogger logger, string? activityType);
}
