using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>SQLite files in a temporary folder, in folders that do not exist yet (the store creates them).</summary>
public sealed class SqliteStoreFixture : IStoreFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-sqlite-").FullName;

    public StorageProvider Provider => StorageProvider.Sqlite;

    public string Database { get; private set; } = string.Empty;

    public async Task InitializeAsync() => Database = await NewDatabaseAsync();

    public Task<string> NewDatabaseAsync() => Task.FromResult(Path.Combine(_folder, Guid.NewGuid().ToString("N"), "data-store", "marrowbot.db"));

    public StoreInstance Open(string database)
    {
        var db = new SqliteDatabase(database, StoreOptions.Default, NullLogger<SqliteDatabase>.Instance);
        return new StoreInstance(db, new SqliteStorage(db, StoreOptions.Default, NullLogger<SqliteStorage>.Instance), new SqliteTranscriptStore(db));
    }

    public async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
