using MarrowBot.Staff.Authentication;
using MarrowBot.Staff.Pages;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Tests.Authentication;

public sealed class StaffSettingsTests
{
    private const string Key = "a-key-of-at-least-thirty-two-characters";

    [Theory]
    [InlineData("Staff:Oidc:Authority", "https://login.example.org", "Staff:Oidc:Authority and Staff:Oidc:ClientId must be set together.")]
    [InlineData("Staff:Oidc:ClientId", "marrowbot", "Staff:Oidc:Authority and Staff:Oidc:ClientId must be set together.")]
    [InlineData("Staff:ApiKeys:0:Key", "short", "Staff:ApiKeys:0:Label must be")]
    [InlineData("Staff:MaxFailedSignIns", "0", "MaxFailedSignIns")]
    [InlineData("Staff:LockoutDuration", "00:00:10", "LockoutDuration")]
    public void ABadStaffSettingIsRefusedAtStartWithItsName(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Settings(new() { [key] = value }));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AnApiKeyNeedsExactlyOneOfTheKeyAndItsDigestAndThirtyTwoCharacters()
    {
        var both = Assert.Throws<OptionsValidationException>(() => Settings(new()
        {
            ["Staff:ApiKeys:0:Label"] = "a", ["Staff:ApiKeys:0:Key"] = Key, ["Staff:ApiKeys:0:Sha256"] = new string('0', 64),
        }));
        var shortKey = Assert.Throws<OptionsValidationException>(() => Settings(new() { ["Staff:ApiKeys:0:Label"] = "a", ["Staff:ApiKeys:0:Key"] = "short" }));

        Assert.Contains("Staff:ApiKeys:0 needs exactly one of Key and Sha256.", both.Message);
        Assert.Contains("at least 32 characters", shortKey.Message);
    }

    [Fact]
    public void AnOidcProviderNeedsHttpsAndARoleMappingToReviewerOrEditor()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Settings(new()
        {
            ["Staff:Oidc:Authority"] = "http://login.example.org", ["Staff:Oidc:ClientId"] = "marrowbot", ["Staff:Oidc:Roles:staff"] = "admin",
        }));

        Assert.Contains("Staff:Oidc:Authority must be an absolute https URL.", error.Message);
        Assert.Contains("Staff:Oidc:Roles:staff must be reviewer or editor.", error.Message);
    }

    [Fact]
    public void ASecretInASettingsFileIsRefusedButTheSameSecretFromTheEnvironmentIsNot()
    {
        var folder = Directory.CreateTempSubdirectory("marrowbot-staff-settings-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "appsettings.json"), "{\"Staff\": {\"ApiKeys\": [{\"Label\": \"reports\", \"Key\": \"" + Key + "\"}]}}");
            var fromFile = new ConfigurationBuilder().SetBasePath(folder).AddJsonFile("appsettings.json").Build();
            var fromEnvironment = new ConfigurationBuilder().SetBasePath(folder).AddJsonFile("appsettings.json")
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Staff:ApiKeys:0:Key"] = Key }).Build();

            var error = Assert.Throws<OptionsValidationException>(() => Options(fromFile));

            Assert.Contains("Staff:ApiKeys:0:Key is set in appsettings.json", error.Message);
            Assert.Single(Options(fromEnvironment).ApiKeys);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("http://127.0.0.1:3978", true)]
    [InlineData("http://localhost:5000;http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:80", false)]
    [InlineData("http://127.0.0.1:3978;http://*:8080", false)]
    public void TheSessionCookieIsSecureOnlyUnlessTheHostListensOnLoopbackAlone(string? urls, bool loopbackOnly)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();
        var cookie = new CookieAuthenticationOptions();

        StaffServiceCollectionExtensions.ConfigureCookie(cookie, new StaffOptions { IdleTimeout = TimeSpan.FromMinutes(20) }, TimeProvider.System, StaffServiceCollectionExtensions.ListensOnLoopbackOnly(configuration));

        Assert.Equal(loopbackOnly, StaffServiceCollectionExtensions.ListensOnLoopbackOnly(configuration));
        Assert.Equal(loopbackOnly ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always, cookie.Cookie.SecurePolicy);
        Assert.Equal(TimeSpan.FromMinutes(20), cookie.ExpireTimeSpan);
        Assert.True(cookie.SlidingExpiration);
        Assert.True(cookie.Cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.Cookie.SameSite);
        Assert.Equal("/staff", cookie.Cookie.Path);
    }

    [Theory]
    [InlineData("/staff/inbox?page=2", "/staff/inbox?page=2")]
    [InlineData("/staff", "/staff")]
    [InlineData("//evil.example/staff", "/staff")]
    [InlineData("/\\evil.example", "/staff")]
    [InlineData("https://evil.example/staff", "/staff")]
    [InlineData("/staffing", "/staff")]
    [InlineData("/api/messages", "/staff")]
    [InlineData(null, "/staff")]
    public void OnlyConsolePathsOnThisSiteAreReturnedTo(string? url, string expected) =>
        Assert.Equal(expected, ReturnUrl.LocalOrHome(url));

    [Fact]
    public void AnApiKeyMatchesByItsDigestAndNoOtherKeyDoes()
    {
        var keys = new StaffApiKeys(Microsoft.Extensions.Options.Options.Create(new StaffOptions
        {
            ApiKeys = [new StaffApiKeyOptions { Label = "plain", Key = Key }, new StaffApiKeyOptions { Label = "hashed", Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("another-key-of-thirty-two-characters!"u8)) }],
        }));

        Assert.Equal("plain", keys.Match(Key));
        Assert.Equal("hashed", keys.Match("another-key-of-thirty-two-characters!"));
        Assert.Null(keys.Match(Key + " "));
    }

    [Theory]
    [InlineData(new[] { "marrow-editors", "marrow-reviewers" }, StaffRoles.Editor)]
    [InlineData(new[] { "other", "marrow-reviewers" }, StaffRoles.Reviewer)]
    [InlineData(new[] { "other" }, null)]
    [InlineData(new string[0], null)]
    public void AnOrganisationAccountGetsTheHighestRoleItsClaimValuesMapTo(string[] values, string? role)
    {
        var events = new StaffOidcEvents(new StaffOidcOptions { Roles = new() { ["marrow-editors"] = StaffRoles.Editor, ["marrow-reviewers"] = StaffRoles.Reviewer } });

        Assert.Equal(role, events.RoleFor(values));
    }

    private static StaffOptions Settings(Dictionary<string, string?> settings) =>
        Options(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static StaffOptions Options(IConfiguration configuration)
    {
        using var provider = new ServiceCollection().AddStaffConsole(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StaffOptions>>().Value;
    }
}
