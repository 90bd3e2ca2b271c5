using MarrowBot.Bot.Hosting;
using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts.Journal;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Transcripts;

/// <summary>Puts transcript recording on the adapter: the count of turns in progress (so a stopping host lets them finish before the last transcript flush) and the roles guard always, Bot Builder's TranscriptLoggerMiddleware (as SnapshotTranscriptLoggerMiddleware) with the buffered logger when transcripts are on.</summary>
public sealed class TranscriptRecording(TranscriptRolesMiddleware roles, BufferedTranscriptLogger logger, EscalationRecorder escalations, InFlightTurns turns, IOptions<StorageOptions> options)
{
    public void AttachTo(BotAdapter adapter)
    {
        adapter.Use(turns);
        adapter.Use(roles);
        if (options.Value.Transcripts)
        {
            adapter.Use(new SnapshotTranscriptLoggerMiddleware(logger, escalations));
        }
    }
}
