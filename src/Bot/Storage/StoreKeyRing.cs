using System.Xml.Linq;
using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Storage.Sqlite;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// The Data Protection key ring in the configured store (ADR 0032), so that a staff member's cookie and the console's
/// anti-forgery tokens are read by every instance behind a load balancer and survive a restart or a new container.
/// The key manager calls this synchronously and rarely (it caches the ring and refreshes it about once a day), so
/// the store's asynchronous calls are waited on here.
/// </summary>
public sealed class StoreKeyRing(Func<CancellationToken, Task<IReadOnlyList<XElement>>> list, Func<XElement, string, CancellationToken, Task<bool>> add) : IXmlRepository
{
    public static StoreKeyRing In(SqliteDatabase database, TimeProvider clock) => new(
        ct => database.ReadAsync((connection, c) => DataProtectionKeyTable.ListAsync(connection, c), ct),
        (element, name, ct) => database.WriteAsync((connection, transaction, c) => DataProtectionKeyTable.AddAsync(connection, transaction, SqlDialect.Sqlite, element, name, clock.GetUtcNow(), c), ct));

    public static StoreKeyRing In(PostgresDatabase database, TimeProvider clock) => new(
        ct => database.ReadAsync((connection, c) => DataProtectionKeyTable.ListAsync(connection, c), ct),
        (element, name, ct) => database.WriteAsync((connection, transaction, c) => DataProtectionKeyTable.AddAsync(connection, transaction, SqlDialect.Postgres, element, name, clock.GetUtcNow(), c), ct));

    public IReadOnlyCollection<XElement> GetAllElements() => list(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Keeps <paramref name="element"/> under <paramref name="friendlyName"/> (the key manager's "key-{id}"); a name already kept is left as it is.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        add(element, friendlyName, CancellationToken.None).GetAwaiter().GetResult();
    }
}
