using System.Net;
using MarrowBot.Bot.Tests.Support;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>Staff:Enabled false: the console is not there at all.</summary>
public sealed class StaffDisabledTests
{
    [Theory]
    [InlineData("/staff")]
    [InlineData("/staff/sign-in")]
    [InlineData("/staff/api/me")]
    [InlineData("/staff/assets/staff.css")]
    public async Task EveryStaffRouteAnswers404WhenTheConsoleIsOff(string path)
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Staff:Enabled"] = "false" });

        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
