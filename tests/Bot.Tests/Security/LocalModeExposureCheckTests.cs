using MarrowBot.Bot.Security;
using MarrowBot.Bot.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Moq;

namespace MarrowBot.Bot.Tests.Security;

/// <summary>The start-up warning when local mode (no app id, nobody authenticated) listens beyond loopback.</summary>
public sealed class LocalModeExposureCheckTests
{
    private const string Warning = "is not a loopback address";

    [Theory]
    [InlineData("http://127.0.0.1:3978", true)]
    [InlineData("http://127.1.2.3:80", true)]
    [InlineData("http://[::1]:3978", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://LOCALHOST:5001", true)]
    [InlineData("http://0.0.0.0:3978", false)]
    [InlineData("http://[::]:3978", false)]
    [InlineData("http://*:3978", false)]
    [InlineData("http://+:3978", false)]
    [InlineData("http://192.168.1.20:3978", false)]
    [InlineData("http://bot.hospital.example:80", false)]
    public void TellsLoopbackListeningAddressesFromOthers(string address, bool loopback)
    {
        Assert.Equal(loopback, LocalModeExposureCheck.IsLoopbackAddress(address));
    }

    [Fact]
    public void TheShippedSettingsListenOnLoopbackOnly()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json")).Build();

        var urls = settings["Urls"]!.Split(';', StringSplitOptions.RemoveEmptyEntries);

        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.True(LocalModeExposureCheck.IsLoopbackAddress(url), url));
    }

    [Fact]
    public void WarnsOncePerNonLoopbackAddressInLocalMode()
    {
        var logs = new CapturingLoggerProvider();

        Check(logs, appId: null, "http://127.0.0.1:3978", "http://0.0.0.0:3978", "http://[::]:3979");

        var warnings = logs.Lines.Where(l => l.Contains(Warning, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.StartsWith("Warning ", w, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("http://0.0.0.0:3978", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("http://[::]:3979", StringComparison.Ordinal));
    }

    [Fact]
    public void DoesNotWarnWithAnAppIdWhereEveryRequestIsAuthenticated()
    {
        var logs = new CapturingLoggerProvider();

        Check(logs, appId: "0b6f1d2e-4c3a-4b5d-9e8f-7a6b5c4d3e2f", "http://0.0.0.0:3978");

        Assert.DoesNotContain(logs.Lines, l => l.Contains(Warning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRealHostOnItsLoopbackDefaultStartsWithoutTheWarning()
    {
        await using var host = await BotHost.StartAsync();

        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(Warning, StringComparison.Ordinal));
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is LocalModeExposureCheck);
    }

    private static void Check(CapturingLoggerProvider logs, string? appId, params string[] addresses)
    {
        var feature = new ServerAddressesFeature();
        foreach (var address in addresses)
        {
            feature.Addresses.Add(address);
        }

        var features = new FeatureCollection();
        features.Set<IServerAddressesFeature>(feature);
        var server = new Mock<IServer>();
        server.SetupGet(s => s.Features).Returns(features);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = appId }).Build();
        using var loggers = new LoggerFactory([logs]);
        var check = new LocalModeExposureCheck(server.Object, Mock.Of<IHostApplicationLifetime>(), new BotAppIdentity(configuration), loggers.CreateLogger<LocalModeExposureCheck>());

        check.Check();
    }
}
