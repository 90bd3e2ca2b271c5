using MarrowBot.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Transcripts;

/// <summary>Puts transcript recording on the adapter: the roles guard always, Bot Builder's TranscriptLoggerMiddleware (as SnapshotTranscriptLoggerMiddleware) with the buffered logger when transcripts are on.</summary>
public sealed class TranscriptRecording(TranscriptRolesMiddleware roles, BufferedTranscriptLogger logger, IOptions<StorageOptions> options)
{
    public void AttachTo(BotAdapter adapter)
    {
        adapter.Use(roles);
        if (options.Value.Transcripts)
        {
            adapter.Use(new SnapshotTranscriptLoggerMiddleware(logger));
        }
    }
}
