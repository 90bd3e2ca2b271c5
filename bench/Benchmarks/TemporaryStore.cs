namespace MarrowBot.Benchmarks;

/// <summary>A SQLite store in its own temporary folder, removed afterwards, so benchmarks leave nothing behind.</summary>
public sealed class TemporaryStore : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-bench-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "marrowbot.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
