using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Functional;

/// <summary>Triage's second opinion by meaning (ADR 0018) in the host as deployed by default (Embeddings:Provider Local).</summary>
public sealed class TriageByMeaningThroughTheHostTests(MeaningThroughTheHostTests.MeaningHost shared) : IClassFixture<MeaningThroughTheHostTests.MeaningHost>
{
    [Fact]
    public async Task AnEverydayRedFlagTheRulesMissGetsTheEmergencyReplyAndIsLoggedWithoutItsText()
    {
        var replies = await shared.Host.SendAsync(Message("wombat-7731. her smile has slipped on one side", "triage-meaning-" + Guid.NewGuid().ToString("N")));

        var outcome = Outcome(replies[0]);
        Assert.Equal("triage", (string)outcome["kind"]!);
        Assert.Equal("emergency", (string)outcome["triage"]!);
        Assert.Contains("stroke", outcome["categories"]!.Values<string>());
        Assert.StartsWith("**Call", (string)replies[0]["text"]!);
        Assert.Contains(shared.Host.Logs.Lines, l => l.Contains("meaning:stroke", StringComparison.Ordinal));
        Assert.DoesNotContain(shared.Host.Logs.Lines, l => l.Contains("wombat", StringComparison.OrdinalIgnoreCase) || l.Contains("smile", StringComparison.OrdinalIgnoreCase));
    }
}
