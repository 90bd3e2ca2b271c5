using System.ComponentModel.DataAnnotations;

namespace MarrowBot.Bot.Transcripts.Journal;

/// <summary>
/// The local transcript journal (section "Storage", beside the other storage settings): where activities go when the
/// store is slow or down, and how much of the disk it may take. Escalation records are kept past both bounds.
/// </summary>
public sealed class TranscriptJournalOptions
{
    public const string SectionName = "Storage";

    /// <summary>The journal file; empty: beside the SQLite file and named after it (<c>marrowbot.transcripts.journal</c> for the default <c>marrowbot.db</c>; the data folder also for PostgreSQL).</summary>
    public string JournalPath { get; set; } = string.Empty;

    /// <summary>Largest the journal file may grow; beyond it only escalation records (urgent and emergency replies and flags) are added.</summary>
    [Range(1L << 16, 1L << 40)]
    public long JournalMaxBytes { get; set; } = 256L << 20;

    /// <summary>Most activities the journal may hold waiting for the store; beyond it only escalation records are added.</summary>
    [Range(10, 100_000_000)]
    public int JournalMaxActivities { get; set; } = 1_000_000;

    /// <summary>How long a transcript write may go unanswered before the buffered activities are moved to the journal.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan JournalSpillAfter { get; set; } = TimeSpan.FromSeconds(1);
}
