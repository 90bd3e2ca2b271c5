using MarrowBot.Bot.Storage;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>A real database for one test class: a temporary SQLite file, or a fresh PostgreSQL schema.</summary>
public interface IStoreFixture : IAsyncLifetime
{
    StorageProvider Provider { get; }

    /// <summary>Where the class's shared database is (a file path or a connection string).</summary>
    string Database { get; }

    /// <summary>A new, empty database.</summary>
    Task<string> NewDatabaseAsync();

    /// <summary>Opens the stores over <paramref name="database"/> as another bot instance would.</summary>
    StoreInstance Open(string database);

    /// <summary>Runs a scalar query straight against <paramref name="database"/>, bypassing the stores.</summary>
    Task<long> ScalarAsync(string database, string sql);
}
