namespace MarrowBot.Bot.Storage;

/// <summary>The database behind the state store and the transcript store: its schema and how it is reached.</summary>
public interface IStorageDatabase
{
    StorageProvider Provider { get; }

    /// <summary>Applies pending schema migrations in one transaction; returns how many were applied (0 when current). Safe to call from several instances at once.</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The highest applied migration version.</summary>
    Task<int> SchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>Migrates once per process, on first use; a failure is retried on the next call.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);
}
