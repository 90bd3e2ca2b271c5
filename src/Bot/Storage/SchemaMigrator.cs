using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// Versioned schema migrations: ordered SQL scripts per provider, embedded from Storage/Migrations/&lt;provider&gt;/
/// NNNN_name.sql, each applied once and recorded in schema_version. The caller supplies an open transaction that
/// already excludes other migrators (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so two instances
/// starting at once apply each script exactly once, and a failed script leaves nothing behind.
/// </summary>
public static class SchemaMigrator
{
    private const string ResourcePrefix = "MarrowBot.Bot.Storage.Migrations.";

    /// <summary>The migrations for <paramref name="provider"/>, in version order.</summary>
    public static IReadOnlyList<SchemaMigration> For(StorageProvider provider)
    {
        var folder = provider.ToString().ToLowerInvariant();
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var relative = resource[ResourcePrefix.Length..].Replace('\\', '/');
            var slash = relative.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !string.Equals(relative[..slash], folder, StringComparison.Ordinal))
            {
                continue;
            }

            var file = Path.GetFileNameWithoutExtension(relative[(slash + 1)..]);
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration {relative} is not named NNNN_name.sql.");
            }

            migrations.Add(new SchemaMigration(version, file[(underscore + 1)..], Read(assembly, resource)));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        return duplicate is not null
            ? throw new InvalidOperationException($"Two {folder} migrations have version {duplicate.Key}.")
            : migrations.OrderBy(m => m.Version).ToList();
    }

    /// <summary>
    /// Applies, inside <paramref name="transaction"/>, the migrations newer than the recorded version, and returns
    /// how many it applied (0 when the schema is current).
    /// </summary>
    public static async Task<int> ApplyAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<SchemaMigration> migrations,
        string createVersionTableSql,
        object appliedAt,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, createVersionTableSql, cancellationToken);
        var current = await CurrentVersionAsync(connection, transaction, cancellationToken);
        var applied = 0;
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = DbCommands.Create(
                connection, transaction, "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @applied_at)");
            DbCommands.AddParameter(record, "version", migration.Version);
            DbCommands.AddParameter(record, "name", migration.Name);
            DbCommands.AddParameter(record, "applied_at", appliedAt);
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied++;
        }

        return applied;
    }

    /// <summary>The highest applied version, or 0 on an empty database.</summary>
    public static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
