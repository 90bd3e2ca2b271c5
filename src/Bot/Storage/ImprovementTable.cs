using System.Data.Common;
using System.Globalization;
using MarrowBot.Staff.Improve;

namespace MarrowBot.Bot.Storage;

/// <summary>The SQL of the retrain runs table (improvement_runs; migration 0006), shared by the SQLite and PostgreSQL stores.</summary>
public static class ImprovementTable
{
    public static async Task<long> StartAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string requestedBy, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, "INSERT INTO improvement_runs (requested_by, started_at) VALUES (@by, @at) RETURNING id");
        DbCommands.AddParameter(command, "by", requestedBy);
        DbCommands.AddParameter(command, "at", dialect.ToDatabase(startedAt));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public static async Task<int> FinishAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long id, ImprovementRunResult result, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction,
            "UPDATE improvement_runs SET finished_at = @at, outcome = @outcome, reason = @reason, before_json = @before, after_json = @after WHERE id = @id");
        DbCommands.AddParameter(command, "at", dialect.ToDatabase(finishedAt));
        DbCommands.AddParameter(command, "outcome", result.Outcome);
        DbCommands.AddParameter(command, "reason", result.Reason);
        DbCommands.AddParameter(command, "before", result.BeforeFigures);
        DbCommands.AddParameter(command, "after", result.AfterFigures);
        DbCommands.AddParameter(command, "id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<ImprovementRun>> ListAsync(DbConnection connection, SqlDialect dialect, int limit, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null,
            "SELECT id, requested_by, started_at, finished_at, outcome, reason, before_json, after_json FROM improvement_runs ORDER BY started_at DESC, id DESC LIMIT @limit");
        DbCommands.AddParameter(command, "limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<ImprovementRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var result = reader.IsDBNull(4) ? null : new ImprovementRunResult(
                reader.GetString(4),
                reader.IsDBNull(5) ? string.Empty : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7));
            runs.Add(new ImprovementRun(reader.GetInt64(0), reader.GetString(1), dialect.ReadTime(reader, 2), reader.IsDBNull(3) ? null : dialect.ReadTime(reader, 3), result));
        }

        return runs;
    }
}
