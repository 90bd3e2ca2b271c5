using MarrowBot.Bot.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>The store contract on a temporary SQLite file, and what is SQLite's own: the file, its folder and WAL mode.</summary>
public sealed class SqliteStoreContractTests(SqliteStoreFixture fixture) : StoreContractTests(fixture), IClassFixture<SqliteStoreFixture>
{
    [Fact]
    public async Task TheFileAndItsFolderAreCreatedInWalMode()
    {
        var path = await Fixture.NewDatabaseAsync();
        using var database = new SqliteDatabase(path, StoreOptions.Default, NullLogger<SqliteDatabase>.Instance);

        await database.MigrateAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}
