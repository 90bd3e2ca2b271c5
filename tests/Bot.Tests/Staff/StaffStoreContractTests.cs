using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Tests.Storage;
using MarrowBot.Staff;
using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>The staff accounts and audit log on a real store: the same behaviour on SQLite and on PostgreSQL.</summary>
public abstract class StaffStoreContractTests(IStoreFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnAccountIsFoundByItsNameInAnyCaseAndTheNameIsTakenInEveryCase()
    {
        var store = await OpenAsync();

        Assert.True(await store.AddAsync(Account("Nadia", StaffRoles.Editor), CancellationToken.None));
        Assert.False(await store.AddAsync(Account("NADIA", StaffRoles.Reviewer), CancellationToken.None));
        var found = await store.FindAsync("nadia", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal("Nadia", found.Name);
        Assert.Equal(StaffRoles.Editor, found.Role);
        Assert.Equal(T0, found.CreatedAt);
        Assert.Single(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TheFifthFailureLocksTheAccountAndStartsTheCountAgain()
    {
        var store = await OpenAsync();
        await store.AddAsync(Account("omar", StaffRoles.Reviewer), CancellationToken.None);
        var until = T0.AddMinutes(15);

        StaffAccount? account = null;
        for (var i = 1; i <= 4; i++)
        {
            account = await store.RecordFailedSignInAsync("OMAR", 5, until, T0, CancellationToken.None);
            Assert.Equal(i, account!.FailedCount);
            Assert.Null(account.LockedUntil);
        }

        account = await store.RecordFailedSignInAsync("omar", 5, until, T0, CancellationToken.None);

        Assert.Equal(0, account!.FailedCount);
        Assert.Equal(until, account.LockedUntil);
        Assert.Null(await store.RecordFailedSignInAsync("nobody", 5, until, T0, CancellationToken.None));
    }

    [Fact]
    public async Task ANewPasswordUnlocksTheAccountAndASignInClearsTheCount()
    {
        var store = await OpenAsync();
        await store.AddAsync(Account("pia", StaffRoles.Reviewer), CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            await store.RecordFailedSignInAsync("pia", 5, T0.AddMinutes(15), T0, CancellationToken.None);
        }

        Assert.True(await store.SetPasswordAsync("PIA", "new-hash", T0.AddMinutes(1), CancellationToken.None));
        var reset = await store.FindAsync("pia", CancellationToken.None);
        await store.RecordFailedSignInAsync("pia", 5, T0.AddMinutes(15), T0, CancellationToken.None);
        await store.RecordSignInAsync("pia", T0, CancellationToken.None);
        var signedIn = await store.FindAsync("pia", CancellationToken.None);

        Assert.Equal("new-hash", reset!.PasswordHash);
        Assert.Null(reset.LockedUntil);
        Assert.Equal(T0.AddMinutes(1), reset.UpdatedAt);
        Assert.Equal(0, signedIn!.FailedCount);
        Assert.False(await store.SetPasswordAsync("nobody", "hash", T0, CancellationToken.None));
    }

    [Fact]
    public async Task ARemovedAccountIsGoneAndRemovingItAgainSaysSo()
    {
        var store = await OpenAsync();
        await store.AddAsync(Account("quinn", StaffRoles.Reviewer), CancellationToken.None);

        Assert.True(await store.RemoveAsync("Quinn", CancellationToken.None));
        Assert.False(await store.RemoveAsync("quinn", CancellationToken.None));
        Assert.Null(await store.FindAsync("quinn", CancellationToken.None));
    }

    [Fact]
    public async Task TheAuditLogListsTheNewestFirstAndPagesBackwardsByTime()
    {
        var audit = (IStaffAuditLog)await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await audit.RecordAsync(new StaffAuditEntry(T0.AddMinutes(i), $"actor-{i}", StaffAuditActions.Viewed, i % 2 == 0 ? "emulator/c-1" : null, null), CancellationToken.None);
        }

        var first = await audit.ListAsync(2, null, CancellationToken.None);
        var next = await audit.ListAsync(10, first[^1].At, CancellationToken.None);

        Assert.Equal(["actor-4", "actor-3"], first.Select(e => e.Actor));
        Assert.Equal(["actor-2", "actor-1", "actor-0"], next.Select(e => e.Actor));
        Assert.Equal(T0.AddMinutes(4), first[0].At);
        Assert.Equal("emulator/c-1", first[0].Target);
        Assert.Null(first[1].Target);
    }

    private static StaffAccount Account(string name, string role) => new(name, role, "hash-of-" + name, 0, null, T0, T0);

    private async Task<IStaffAccountStore> OpenAsync()
    {
        var database = await fixture.NewDatabaseAsync();
        return fixture.Provider == StorageProvider.Postgres
            ? new PostgresStaffStore(new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance))
            : new SqliteStaffStore(new SqliteDatabase(database, StoreOptions.Default, NullLogger<SqliteDatabase>.Instance));
    }
}

public sealed class SqliteStaffStoreContractTests(SqliteStoreFixture fixture) : StaffStoreContractTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresStaffStoreContractTests(PostgresStoreFixture fixture) : StaffStoreContractTests(fixture), IClassFixture<PostgresStoreFixture>;
