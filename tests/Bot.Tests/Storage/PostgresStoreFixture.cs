using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>Fresh schemas on the tests' PostgreSQL server (<see cref="PostgresServer"/>), dropped afterwards.</summary>
public sealed class PostgresStoreFixture : IStoreFixture
{
    private readonly List<string> _schemas = [];
    private PostgresServer _server = null!;

    public StorageProvider Provider => StorageProvider.Postgres;

    public string Database { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        Database = await NewDatabaseAsync();
    }

    public async Task<string> NewDatabaseAsync()
    {
        var connectionString = await _server.CreateSchemaAsync("contract");
        _schemas.Add(connectionString);
        return connectionString;
    }

    public StoreInstance Open(string database)
    {
        var db = new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance);
        return new StoreInstance(db, new PostgresStorage(db, StoreOptions.Default, NullLogger<PostgresStorage>.Instance), new PostgresTranscriptStore(db));
    }

    public async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var schema in _schemas)
        {
            await _server.DropSchemaAsync(schema);
        }
    }
}
