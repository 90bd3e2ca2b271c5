using MarrowBot.Knowledge.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarrowBot.Knowledge.Tests.Privacy;

public sealed class PrivacyRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddKnowledge(configuration, AppContext.BaseDirectory).BuildServiceProvider();
    }

    [Fact]
    public void AddKnowledgeRegistersOneSharedRedactor()
    {
        using var provider = Build(new());

        Assert.Same(provider.GetRequiredService<PiiRedactor>(), provider.GetRequiredService<PiiRedactor>());
    }

    [Fact]
    public void TranscriptsAreRedactedUnlessTheSettingTurnsItOff()
    {
        using var byDefault = Build(new());
        using var turnedOff = Build(new() { [$"{PrivacyOptions.SectionName}:RedactTranscripts"] = "false" });

        Assert.True(byDefault.GetRequiredService<IOptions<PrivacyOptions>>().Value.RedactTranscripts);
        Assert.False(turnedOff.GetRequiredService<IOptions<PrivacyOptions>>().Value.RedactTranscripts);
    }
}
