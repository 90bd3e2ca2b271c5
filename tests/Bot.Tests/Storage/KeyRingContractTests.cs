using System.Xml.Linq;
using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>The Data Protection key ring on a real store (ADR 0032): the same behaviour on SQLite and on PostgreSQL.</summary>
public abstract class KeyRingContractTests(IStoreFixture fixture)
{
    [Fact]
    public async Task AKeyStoredThroughOneInstanceIsReadByAnotherOnTheSameDatabase()
    {
        var database = await fixture.NewDatabaseAsync();
        var key = Key("a1");

        Open(database, ClockAt(0)).StoreElement(key, "key-a1");
        var read = Open(database, ClockAt(1)).GetAllElements();

        Assert.Equal(key.ToString(), Assert.Single(read).ToString());
    }

    [Fact]
    public async Task KeysComeBackOldestFirstAndANameKeptOnceIsNotOverwritten()
    {
        var database = await fixture.NewDatabaseAsync();
        var clock = ClockAt(0);
        var ring = Open(database, clock);

        ring.StoreElement(Key("first"), "key-first");
        clock.Advance(TimeSpan.FromMinutes(1));
        ring.StoreElement(Key("second"), "key-second");
        clock.Advance(TimeSpan.FromMinutes(1));
        ring.StoreElement(Key("changed"), "key-first");

        Assert.Equal(["first", "second"], ring.GetAllElements().Select(e => (string)e.Attribute("id")!));
    }

    [Fact]
    public async Task AnEmptyStoreHasNoKeys()
    {
        Assert.Empty(Open(await fixture.NewDatabaseAsync(), ClockAt(0)).GetAllElements());
    }

    private static ManualClock ClockAt(int minutes)
    {
        var clock = new ManualClock();
        clock.Set(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero).AddMinutes(minutes));
        return clock;
    }

    private static XElement Key(string id) => new("key", new XAttribute("id", id), new XAttribute("version", 1), new XElement("descriptor", "secret-" + id));

    private StoreKeyRing Open(string database, TimeProvider clock) => fixture.Provider == StorageProvider.Postgres
        ? StoreKeyRing.In(new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance), clock)
        : StoreKeyRing.In(new SqliteDatabase(database, StoreOptions.Default, NullLogger<SqliteDatabase>.Instance), clock);
}

public sealed class SqliteKeyRingContractTests(SqliteStoreFixture fixture) : KeyRingContractTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresKeyRingContractTests(PostgresStoreFixture fixture) : KeyRingContractTests(fixture), IClassFixture<PostgresStoreFixture>;
