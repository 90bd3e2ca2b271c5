namespace MarrowBot.Bot.Observability;

/// <summary>
/// How much the local transcript journal holds. Whatever implements it and is registered in the container is
/// observed by <see cref="BotMetrics"/> as <c>marrowbot.journal.activities</c> and <c>marrowbot.journal.bytes</c>;
/// without one the journal gauges report nothing.
/// </summary>
public interface IJournalDepth
{
    long JournalActivities { get; }

    long JournalBytes { get; }
}
