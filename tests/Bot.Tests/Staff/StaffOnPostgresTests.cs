using System.Net;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>Signing in through the real host with its accounts in PostgreSQL (several instances share them).</summary>
public sealed class StaffOnPostgresTests : IAsyncLifetime
{
    private PostgresServer _server = null!;
    private string _database = string.Empty;
    private BotHost _first = null!;
    private BotHost _second = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        _database = await _server.CreateSchemaAsync("staff");
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:PostgresConnectionString"] = _database };
        _first = await BotHost.StartAsync(settings: settings);
        _second = await BotHost.StartAsync(settings: settings);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await _server.DropSchemaAsync(_database);
    }

    [Fact]
    public async Task AnAccountAddedThroughOneInstanceSignsInOnAnotherAndLocksOnBoth()
    {
        await StaffClient.AddAccountAsync(_first, "shared-account", StaffRoles.Editor);
        using var onSecond = new StaffClient(_second);
        using var onFirst = new StaffClient(_first);

        await onSecond.SignInOrFailAsync("Shared-Account");
        for (var i = 0; i < 3; i++)
        {
            (await onFirst.SignInAsync("shared-account", "wrong password here")).Dispose();
            (await onSecond.SignInAsync("shared-account", "wrong password here")).Dispose();
        }

        using var locked = await onFirst.SignInAsync("shared-account");

        Assert.Equal(HttpStatusCode.OK, (await onSecond.MeAsync()).Status);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode); // the form again: five failures over two instances lock it
        Assert.Contains("Sign-in failed", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASessionSignedInOnOneInstanceIsHonouredByAnotherWithItsKeyInTheSharedDatabase()
    {
        await StaffClient.AddAccountAsync(_first, "roaming-nurse", StaffRoles.Reviewer);
        using var onFirst = new StaffClient(_first);
        await onFirst.SignInOrFailAsync("roaming-nurse");
        using var onSecond = new StaffClient(_second);
        foreach (Cookie cookie in onFirst.Cookies.GetAllCookies())
        {
            onSecond.Cookies.Add(_second.Client.BaseAddress!, new Cookie(cookie.Name, cookie.Value, cookie.Path));
        }

        var (status, me) = await onSecond.MeAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("roaming-nurse", (string?)me!["name"]);
        await using var connection = new Npgsql.NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM data_protection_keys", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 1, "The key that signed the cookie is not in the shared database.");
    }
}
