using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Channels.Teams;

/// <summary>
/// Records messageReaction activities as feedback: one structured log line per reaction (conversation, type, the
/// reply reacted to, added or removed; never any message text) and a <see cref="ReactionTally"/> in conversation
/// state. Sends nothing back, and a storage failure is logged rather than turned into an apology.
/// </summary>
public sealed partial class ReactionRecorder(ConversationState conversationState, ILogger<ReactionRecorder> logger)
{
    public const string StateProperty = "reactions";

    private const int MaxTypeLength = 40;

    private readonly IStatePropertyAccessor<ReactionTally> _tally = conversationState.CreateProperty<ReactionTally>(StateProperty);

    public async Task RecordAsync(ITurnContext turnContext, IEnumerable<MessageReaction> reactions, bool added, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;

        // A null entry or one without a type is malformed (the client sent "reactionsAdded": [null]); it is
        // skipped rather than counted, and the valid entries beside it still count.
        var types = (reactions ?? []).Where(r => !string.IsNullOrWhiteSpace(r?.Type)).Select(r => NormalizeType(r.Type)).ToList();
        if (types.Count == 0)
        {
            return;
        }

        foreach (var type in types)
        {
            LogReaction(logger, type, added ? "added" : "removed", activity.ReplyToId, activity.Conversation?.Id);
        }

        try
        {
            var tally = await _tally.GetAsync(turnContext, () => ReactionTally.Empty, cancellationToken);
            foreach (var type in types)
            {
                tally = tally.Apply(type, activity.ReplyToId, added);
            }

            await _tally.SetAsync(turnContext, tally, cancellationToken);
            await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStateFailed(logger, ex.GetType().Name, activity.Conversation?.Id);
        }
    }

    /// <summary>Reaction types come from the client ("like", or newer emoji ids): kept short and to a safe alphabet.</summary>
    public static string NormalizeType(string? type)
    {
        var value = (type ?? string.Empty).Trim().ToLowerInvariant();
        return value.Length is > 0 and <= MaxTypeLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? value
            : "other";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reaction {ReactionType} {Change} on reply {ReplyToId} in conversation {ConversationId}")]
    private static partial void LogReaction(ILogger logger, string reactionType, string change, string? replyToId, string? conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reaction tally could not be saved ({ExceptionType}) in conversation {ConversationId}")]
    private static partial void LogStateFailed(ILogger logger, string exceptionType, string? conversationId);
}
