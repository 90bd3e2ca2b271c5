using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Storage;
using MarrowBot.Staff.Improve;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Bot.Tests.Improve;

/// <summary>What the retrain runs table (migration 0006, ADR 0029) must do on each provider's real database.</summary>
public abstract class ImprovementRunsContractTests(IStoreFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private IAsyncDisposable? _database;

    private IImprovementRuns Runs { get; set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await fixture.NewDatabaseAsync();
        if (fixture.Provider == StorageProvider.Postgres)
        {
            var postgres = new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance);
            (Runs, _database) = (new PostgresImprovementRuns(postgres), postgres);
        }
        else
        {
            var sqlite = new SqliteDatabase(database, StoreOptions.Default, NullLogger<SqliteDatabase>.Instance);
            (Runs, _database) = (new SqliteImprovementRuns(sqlite), new Disposer(sqlite));
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
    public async Task AStartedRunIsListedAsRunningWithWhoAskedAndWhen()
    {
        var id = await Runs.StartAsync("ed.a", T0, CancellationToken.None);

        var run = Assert.Single(await Runs.ListAsync(10, CancellationToken.None));

        Assert.Equal(id, run.Id);
        Assert.Equal("ed.a", run.RequestedBy);
        Assert.Equal(T0, run.StartedAt);
        Assert.Null(run.FinishedAt);
        Assert.Null(run.Result);
    }

    [Fact]
    public async Task AFinishedRunKeepsItsOutcomeReasonAndFigures()
    {
        var id = await Runs.StartAsync("ed.a", T0, CancellationToken.None);
        var result = new ImprovementRunResult(ImprovementOutcomes.Rejected, "Kept the current model: emergency recall fell.", """{"a":1}""", """{"a":0}""");

        await Runs.FinishAsync(id, result, T0.AddSeconds(9), CancellationToken.None);
        var run = Assert.Single(await Runs.ListAsync(10, CancellationToken.None));

        Assert.Equal(T0.AddSeconds(9), run.FinishedAt);
        Assert.Equal(result, run.Result);
    }

    [Fact]
    public async Task RunsAreListedNewestFirstUpToTheLimit()
    {
        var first = await Runs.StartAsync("ed.a", T0, CancellationToken.None);
        var second = await Runs.StartAsync("ed.b", T0.AddMinutes(1), CancellationToken.None);
        var third = await Runs.StartAsync("ed.c", T0.AddMinutes(2), CancellationToken.None);

        var listed = await Runs.ListAsync(2, CancellationToken.None);

        Assert.Equal([third, second], listed.Select(r => r.Id));
        Assert.DoesNotContain(first, listed.Select(r => r.Id));
    }

    private sealed class Disposer(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The retrain runs on a temporary SQLite file.</summary>
public sealed class SqliteImprovementRunsTests(SqliteStoreFixture fixture) : ImprovementRunsContractTests(fixture), IClassFixture<SqliteStoreFixture>;

/// <summary>The retrain runs on a fresh schema of a real PostgreSQL server.</summary>
public sealed class PostgresImprovementRunsTests(PostgresStoreFixture fixture) : ImprovementRunsContractTests(fixture), IClassFixture<PostgresStoreFixture>;
