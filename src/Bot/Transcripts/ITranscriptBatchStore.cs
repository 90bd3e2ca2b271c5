using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Transcripts;

/// <summary>A transcript store that writes many activities in one transaction, all or none, in the order given.</summary>
public interface ITranscriptBatchStore : ITranscriptStore
{
    Task LogActivitiesAsync(IReadOnlyList<IActivity> activities, CancellationToken cancellationToken);

    /// <summary>Writes activities already taken as records (their JSON and indexed facts), as the buffered logger queues them.</summary>
    Task LogRecordsAsync(IReadOnlyList<TranscriptRecord> records, CancellationToken cancellationToken);
}
