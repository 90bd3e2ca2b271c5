using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// The transcript logger Bot Builder's TranscriptLoggerMiddleware calls during a turn. It never blocks or fails the
/// turn: it copies the activity (the turn may still change the original), runs the <see cref="ITranscriptFilter"/>s
/// on the copy, and puts it in the <see cref="TranscriptQueue"/>; <see cref="TranscriptWriter"/> stores it later.
/// Problems are counted and logged by type, never with the activity's content.
/// </summary>
public sealed partial class BufferedTranscriptLogger(TranscriptQueue queue, IEnumerable<ITranscriptFilter> filters, ILogger<BufferedTranscriptLogger> logger) : ITranscriptLogger
{
    private static readonly JsonSerializerSettings CopySettings = new() { NullValueHandling = NullValueHandling.Ignore, MaxDepth = 128 };

    private readonly ITranscriptFilter[] _filters = filters.ToArray();

    /// <inheritdoc/>
    public Task LogActivityAsync(IActivity activity)
    {
        if (activity is null)
        {
            return Task.CompletedTask;
        }

        IActivity? copy;
        try
        {
            copy = JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(activity, CopySettings), CopySettings);
            foreach (var filter in _filters)
            {
                copy = copy is null ? null : filter.Apply(copy);
            }
        }
        catch (Exception ex)
        {
            queue.CountRejected();
            LogRejected(logger, ex.GetType().Name, activity.Type, activity.Conversation?.Id);
            return Task.CompletedTask;
        }

        if (copy is null)
        {
            return Task.CompletedTask;
        }

        if (string.IsNullOrEmpty(copy.ChannelId) || string.IsNullOrEmpty(copy.Conversation?.Id))
        {
            queue.CountRejected();
            LogUnaddressed(logger, copy.Type);
            return Task.CompletedTask;
        }

        queue.TryEnqueue(copy);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ActivityType} activity in conversation {ConversationId} was kept out of the transcript: copying or filtering it failed with {ExceptionType}")]
    private static partial void LogRejected(ILogger logger, string exceptionType, string? activityType, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {ActivityType} activity without a channel or conversation id was kept out of the transcript")]
    private static partial void LogUnaddressed(ILogger logger, string? activityType);
}
