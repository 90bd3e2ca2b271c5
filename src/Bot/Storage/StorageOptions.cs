using System.ComponentModel.DataAnnotations;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// The durable store for conversation state and transcripts (section "Storage"). SQLite needs nothing else;
/// PostgreSQL needs a connection string. Relative paths are taken from the host's content root.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>"sqlite" (default) or "postgres".</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The SQLite file, created owner-only with its folder at start; empty for the default folder
    /// (<see cref="StorageLocation"/>: the repository's data-store/ in Development, the application-data folder
    /// otherwise). Never inside bin/ or obj/.
    /// </summary>
    public string? SqlitePath { get; set; }

    /// <summary>An Npgsql connection string; required when <see cref="Provider"/> is postgres. Never logged.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Whether activities are recorded as transcripts (incoming and outgoing, with per-conversation flags).</summary>
    public bool Transcripts { get; set; } = true;

    /// <summary>Transcripts, conversation flags and state older than this many days are purged by a background job.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>How often the retention job runs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Activities held in memory while the store is slow or down; beyond this, new ones are dropped and counted.</summary>
    [Range(10, 10_000_000)]
    public int TranscriptBufferCapacity { get; set; } = 10_000;

    /// <summary>At most this many activities are written in one transaction.</summary>
    [Range(1, 10_000)]
    public int TranscriptBatchSize { get; set; } = 200;

    /// <summary>
    /// How long the writer waits after the first activity arrives for more to join its batch (unless the batch is
    /// already full): a few larger transactions cost the store far less than one per turn.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan TranscriptBatchDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The first wait before retrying a failed transcript write; doubled on each failure up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one storage operation may take before it counts as a failure: how long a turn can wait on a store
    /// that hangs (an urgent or emergency reply is sent before state is read, so it never waits). A transcript
    /// batch gets twice as long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After a state-store failure, state operations fail at once for this long instead of each waiting on a dead store.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FailFastPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many recent conversations' state is also kept in memory, served while the state store is down (so a
    /// welcome is not repeated and a pending question not forgotten); 0 keeps none.
    /// </summary>
    [Range(0, 1_000_000)]
    public int RecentStateCapacity { get; set; } = 10_000;

    /// <summary>How long a conversation's state stays in that memory after it was last read or written.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RecentStateMaxAge { get; set; } = TimeSpan.FromMinutes(30);
}
