using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts;
using Microsoft.Bot.Builder;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>The stores one bot instance would have over a database: its own connection pool and schema cache.</summary>
public sealed record StoreInstance(IStorageDatabase Database, IStorage Storage, ITranscriptBatchStore Transcripts) : IAsyncDisposable
{
    public ITranscriptQueries Queries => (ITranscriptQueries)Transcripts;

    public async ValueTask DisposeAsync()
    {
        switch (Database)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
