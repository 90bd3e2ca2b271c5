using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Tests;

public sealed class StaffOptionsTests
{
    [Fact]
    public void AnIdleTimeoutUnderAMinuteIsRefusedAtStartWithTheSettingNamed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Staff:IdleTimeout"] = "00:00:05" }).Build();
        using var provider = new ServiceCollection().AddStaffConsole(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StaffOptions>>().Value);

        Assert.Contains(nameof(StaffOptions.IdleTimeout), error.Message);
    }

    [Fact]
    public void TheConsoleIsOnWithAHalfHourIdleTimeoutByDefault()
    {
        using var provider = new ServiceCollection().AddStaffConsole(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<StaffOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(30), options.IdleTimeout);
    }
}
