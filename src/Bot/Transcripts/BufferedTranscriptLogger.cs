using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// The transcript logger Bot Builder's TranscriptLoggerMiddleware calls during a turn. It never blocks or fails the
/// turn: it takes a snapshot of the activity as it is now (its JSON, which later changes by the turn cannot reach),
/// after running any <see cref="ITranscriptFilter"/>s on a private copy, and puts it in the
/// <see cref="TranscriptQueue"/>; <see cref="TranscriptWriter"/> stores it later. With no filters registered the
/// activity is serialised once and not copied otherwise. Problems are counted and logged by type, never with the
/// activity's content.
/// </summary>
public sealed partial class BufferedTranscriptLogger(TranscriptQueue queue, IEnumerable<ITranscriptFilter> filters, ILogger<BufferedTranscriptLogger> logger) : ITranscriptLogger
{
    private readonly ITranscriptFilter[] _filters = filters.ToArray();

    /// <inheritdoc/>
    public Task LogActivityAsync(IActivity activity)
    {
        if (activity is null)
        {
            return Task.CompletedTask;
        }

        TranscriptRecord record;
        try
        {
            var snapshot = _filters.Length == 0 ? activity : Filter(activity);
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

            record = TranscriptRecord.From(snapshot);
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

    /// <summary>
    /// Runs the filters in order; null when one of them keeps the activity out. The activity is already a private
    /// copy: Bot Builder's TranscriptLoggerMiddleware clones every activity before it reaches a logger, so a second
    /// copy here would only double the JSON work done on the turn's CPU.
    /// </summary>
    private IActivity? Filter(IActivity activity)
    {
        IActivity? copy = activity;
        foreach (var filter in _filters)
        {
            if (copy is null)
            {
                break;
            }

            copy = filter.Apply(copy);
        }

        return copy;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ActivityType} activity in conversation {ConversationId} was kept out of the transcript: copying or filtering it failed with {ExceptionType}")]
    private static partial void LogRejected(ILogger logger, string exceptionType, string? activityType, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {ActivityType} activity without a channel or conversation id was kept out of the transcript")]
    private static partial void LogUnaddressed(ILogger logger, string? activityType);
}
