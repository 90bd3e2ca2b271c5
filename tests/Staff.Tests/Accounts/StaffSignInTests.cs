using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;
using Microsoft.Extensions.Options;
using Moq;

namespace MarrowBot.Staff.Tests.Accounts;

public sealed class StaffSignInTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly StaffPasswords Passwords = new();
    private static readonly StaffAccount Ada = new("Ada", StaffRoles.Reviewer, Passwords.Hash("the right password"), 0, null, Now, Now);

    private readonly Mock<IStaffAccountStore> _accounts = new();
    private readonly Mock<IStaffAuditLog> _audit = new();
    private readonly List<StaffAuditEntry> _entries = [];

    public StaffSignInTests() =>
        _audit.Setup(a => a.RecordAsync(It.IsAny<StaffAuditEntry>(), It.IsAny<CancellationToken>())).Callback<StaffAuditEntry, CancellationToken>((e, _) => _entries.Add(e)).Returns(Task.CompletedTask);

    [Fact]
    public async Task TheRightPasswordSignsInClearsTheCountAndIsAudited()
    {
        _accounts.Setup(a => a.FindAsync("ada", It.IsAny<CancellationToken>())).ReturnsAsync(Ada);

        var result = await SignIn().SignInAsync("ada", "the right password", CancellationToken.None);

        Assert.Equal(Ada, result.Account);
        _accounts.Verify(a => a.RecordSignInAsync("Ada", Now, It.IsAny<CancellationToken>()));
        Assert.Equal(StaffAuditActions.SignedIn, Assert.Single(_entries).Action);
    }

    [Fact]
    public async Task ALockedAccountRefusesTheRightPasswordWithoutCountingIt()
    {
        _accounts.Setup(a => a.FindAsync("ada", It.IsAny<CancellationToken>())).ReturnsAsync(Ada with { LockedUntil = Now.AddMinutes(1) });

        var result = await SignIn().SignInAsync("ada", "the right password", CancellationToken.None);

        Assert.False(result.Succeeded);
        _accounts.Verify(a => a.RecordFailedSignInAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal("account locked", Assert.Single(_entries).Detail);
    }

    [Fact]
    public async Task AWrongPasswordIsCountedWithTheConfiguredLimitAndTheFailureThatLocksIsAuditedAsALockOut()
    {
        _accounts.Setup(a => a.FindAsync("ada", It.IsAny<CancellationToken>())).ReturnsAsync(Ada with { FailedCount = 2 });
        _accounts.Setup(a => a.RecordFailedSignInAsync("Ada", 3, Now.AddMinutes(10), Now, It.IsAny<CancellationToken>())).ReturnsAsync(Ada with { LockedUntil = Now.AddMinutes(10) });

        var result = await SignIn(new StaffOptions { MaxFailedSignIns = 3, LockoutDuration = TimeSpan.FromMinutes(10) }).SignInAsync("ada", "a wrong password", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal([StaffAuditActions.SignInFailed, StaffAuditActions.LockedOut], _entries.Select(e => e.Action));
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("not a valid name")]
    [InlineData(null)]
    public async Task AnUnknownOrInvalidNameIsRefusedAndAuditedAsTyped(string? name)
    {
        var result = await SignIn().SignInAsync(name, "any password at all", CancellationToken.None);

        Assert.False(result.Succeeded);
        var entry = Assert.Single(_entries);
        Assert.Equal(StaffNames.ForAudit(name), entry.Actor);
        Assert.Equal("unknown name", entry.Detail);
    }

    private StaffSignIn SignIn(StaffOptions? options = null)
    {
        var clock = new Mock<TimeProvider>();
        clock.Setup(c => c.GetUtcNow()).Returns(Now);
        return new StaffSignIn(_accounts.Object, _audit.Object, Passwords, Options.Create(options ?? new StaffOptions()), clock.Object);
    }
}
