using System.Text;
using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Storage;
using MarrowBot.Knowledge.Improvement;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Bot.Tests.Improve;

/// <summary>What the shared overlay document (migration 0010, ADR 0029 addendum) must do on each provider's real database.</summary>
public abstract class OverlayStoreContractTests(IStoreFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private IAsyncDisposable? _database;

    private IOverlayStore Store { get; set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await fixture.NewDatabaseAsync();
        if (fixture.Provider == StorageProvider.Postgres)
        {
            var postgres = new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance);
            (Store, _database) = (new PostgresOverlayStore(postgres), postgres);
        }
        else
        {
            var sqlite = new SqliteDatabase(database, StoreOptions.Default, NullLogger<SqliteDatabase>.Instance);
            (Store, _database) = (new SqliteOverlayStore(sqlite), new Disposer(sqlite));
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task AStoreWithNoOverlayReadsAsNoneAtVersionZero()
    {
        Assert.Null(await Store.ReadAsync(CancellationToken.None));
        Assert.Equal(0, await Store.VersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EachWriteIsReadBackAndRaisesTheVersionByOne()
    {
        Assert.True(await Store.TryWriteAsync(0, Bytes("""{"phrasings":[]}"""), T0, CancellationToken.None));
        var first = await Store.ReadAsync(CancellationToken.None);
        Assert.True(await Store.TryWriteAsync(1, Bytes("""{"outOfScope":[]}"""), T0.AddMinutes(1), CancellationToken.None));
        var second = await Store.ReadAsync(CancellationToken.None);

        Assert.Equal((1L, """{"phrasings":[]}"""), (first!.Version, Text(first.Json)));
        Assert.Equal((2L, """{"outOfScope":[]}"""), (second!.Version, Text(second.Json)));
        Assert.Equal(2, await Store.VersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AWriteFromAVersionThatIsNoLongerCurrentIsRefusedAndChangesNothing()
    {
        Assert.True(await Store.TryWriteAsync(0, Bytes("a"), T0, CancellationToken.None));
        Assert.False(await Store.TryWriteAsync(0, Bytes("b"), T0, CancellationToken.None));
        Assert.True(await Store.TryWriteAsync(1, Bytes("c"), T0, CancellationToken.None));
        Assert.False(await Store.TryWriteAsync(1, Bytes("d"), T0, CancellationToken.None));

        var stored = await Store.ReadAsync(CancellationToken.None);
        Assert.Equal((2L, "c"), (stored!.Version, Text(stored.Json)));
    }

    [Fact]
    public async Task ConcurrentWritersThatRereadOnConflictAreAllKept()
    {
        // Each writer appends its own line with read, write-if-unchanged, reread on conflict (what OverlayEditor does).
        const int Writers = 8;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            while (true)
            {
                var current = await Store.ReadAsync(CancellationToken.None);
                var text = (current is null ? string.Empty : Text(current.Json)) + $"writer {i}\n";
                if (await Store.TryWriteAsync(current?.Version ?? 0, Bytes(text), T0, CancellationToken.None))
                {
                    return;
                }
            }
        })));

        var stored = await Store.ReadAsync(CancellationToken.None);
        Assert.Equal(Writers, stored!.Version);
        Assert.Equal(Enumerable.Range(0, Writers).Select(i => $"writer {i}"), Text(stored.Json).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] json) => Encoding.UTF8.GetString(json);

    private sealed class Disposer(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The overlay document on a temporary SQLite file.</summary>
public sealed class SqliteOverlayStoreTests(SqliteStoreFixture fixture) : OverlayStoreContractTests(fixture), IClassFixture<SqliteStoreFixture>;

/// <summary>The overlay document on a fresh schema of a real PostgreSQL server.</summary>
public sealed class PostgresOverlayStoreTests(PostgresStoreFixture fixture) : OverlayStoreContractTests(fixture), IClassFixture<PostgresStoreFixture>;
