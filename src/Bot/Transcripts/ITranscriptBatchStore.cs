using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Transcripts;

/// <summary>A transcript store that can write many activities in one transaction, all or none, in the order given.</summary>
public interface ITranscriptBatchStore : ITranscriptStore
{
    Task LogActivitiesAsync(IReadOnlyList<IActivity> activities, CancellationToken cancellationToken);
}
