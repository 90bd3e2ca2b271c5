using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Bot.Transcripts;

/// <summary>The read side staff tools use: per-conversation flags, derived from the transcript as it is written.</summary>
public interface ITranscriptQueries
{
    /// <summary>One conversation's flags, or null if nothing of it was recorded.</summary>
    Task<ConversationSummary?> GetConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Conversations whose highest triage tier is at least <paramref name="atLeast"/> (urgent finds urgent and
    /// emergency) and that were active since <paramref name="since"/>, most recently active first.
    /// </summary>
    Task<IReadOnlyList<ConversationSummary>> ListEscalatedAsync(TriageTier atLeast, DateTimeOffset since, int limit, CancellationToken cancellationToken);
}
