using Microsoft.Bot.Builder;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// "Forget me", carried out: the conversation's state is deleted at once, its later activities are withheld, and
/// its transcript is deleted once the activities still buffered for it have been written, retrying while the
/// store is unreachable. Only ids and counts are logged.
/// </summary>
public sealed partial class ConversationEraser(
    ForgottenConversations forgotten,
    TranscriptWriter writer,
    ITranscriptStore store,
    IHostApplicationLifetime lifetime,
    ILogger<ConversationEraser> logger)
{
    public async Task EraseAsync(ITurnContext turnContext, BotState state, CancellationToken cancellationToken)
    {
        var channelId = turnContext.Activity.ChannelId;
        var conversationId = turnContext.Activity.Conversation.Id;
        forgotten.Forget(channelId, conversationId);
        try
        {
            await state.DeleteAsync(turnContext, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, "state", ex.GetType().Name, conversationId);
        }

        Completion = DeleteTranscriptAsync(channelId, conversationId, lifetime.ApplicationStopping);
    }

    /// <summary>The last transcript deletion started, for tests and orderly shutdown.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    private async Task DeleteTranscriptAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await writer.FlushAsync(TimeSpan.FromSeconds(10), cancellationToken);
                await store.DeleteTranscriptAsync(channelId, conversationId);
                LogErased(logger, conversationId);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, "transcript", ex.GetType().Name, conversationId);
                await Task.Delay(TimeSpan.FromSeconds(attempt * 2), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} forgotten at its owner's request")]
    private static partial void LogErased(ILogger logger, string conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forgetting the {Part} of conversation {ConversationId} failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string part, string exceptionType, string conversationId);
}
