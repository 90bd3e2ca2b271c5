using System.Data.Common;
using System.Xml.Linq;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// The SQL of the Data Protection key ring's table (data_protection_keys; migration 0008), shared by the SQLite and
/// PostgreSQL stores. A key is written once under its name and never changed; the key manager revokes a key by
/// writing another element, so nothing here updates or deletes.
/// </summary>
public static class DataProtectionKeyTable
{
    public static async Task<IReadOnlyList<XElement>> ListAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, "SELECT xml FROM data_protection_keys ORDER BY created_at, name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var elements = new List<XElement>();
        while (await reader.ReadAsync(cancellationToken))
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public static async Task<bool> AddAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, XElement element, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(
            connection, transaction, "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @created) ON CONFLICT (name) DO NOTHING");
        DbCommands.AddParameter(command, "name", name);
        DbCommands.AddParameter(command, "xml", element.ToString(SaveOptions.DisableFormatting));
        DbCommands.AddParameter(command, "created", dialect.ToDatabase(at));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
