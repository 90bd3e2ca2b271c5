namespace MarrowBot.Bot.Transcripts;

/// <summary>Deletes what is older than the retention period: transcripts, conversation flags and state.</summary>
public interface ITranscriptRetention
{
    /// <summary>Removes everything older than <paramref name="cutoff"/>; returns how many rows went.</summary>
    Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
