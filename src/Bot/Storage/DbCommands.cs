using System.Data.Common;

namespace MarrowBot.Bot.Storage;

/// <summary>The ADO.NET plumbing the SQLite and PostgreSQL tables share.</summary>
internal static class DbCommands
{
    /// <summary>A command in <paramref name="transaction"/> (or none).</summary>
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Adds the parameter written <c>@name</c> in the SQL. The name is given with its <c>@</c>: Microsoft.Data.Sqlite
    /// looks a bare name up once as given and again with each prefix on every execution (about 5 µs a row of
    /// nine parameters, a fifth of a transcript insert); Npgsql accepts either.
    /// </summary>
    public static DbParameter AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
