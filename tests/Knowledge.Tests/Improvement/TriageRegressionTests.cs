using MarrowBot.Knowledge.Improvement;
using MarrowBot.Knowledge.Tests.Support;

namespace MarrowBot.Knowledge.Tests.Improvement;

/// <summary>
/// Every case of data/triage-regressions.json (ADR 0029) through the triage engine the bot runs, with embeddings on:
/// each must get its tier or a higher one. A failure names the case.
/// </summary>
public sealed class TriageRegressionTests
{
    public static TheoryData<string> CaseIds() => new(TriageRegressions.Load(Path.Combine(RepoPaths.Data, TriageRegressions.FileName)).Select(c => c.Id));

    [Fact]
    public void TheCommittedFileHasCasesWithDistinctIds()
    {
        var cases = TriageRegressions.Load(Path.Combine(RepoPaths.Data, TriageRegressions.FileName));

        Assert.NotEmpty(cases);
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void EachRegressionCaseGetsItsTierOrHigher(string id)
    {
        var regression = TriageRegressions.Load(Path.Combine(RepoPaths.Data, TriageRegressions.FileName)).Single(c => c.Id == id);

        var tier = SharedMeaningTriage.Host.Assess(regression.Text).Tier;

        Assert.True(tier >= regression.Tier, $"regression case '{id}': expected {regression.Tier} or higher, triage gave {tier}");
    }
}
