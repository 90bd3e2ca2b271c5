using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;
using Xunit.Abstractions;

namespace MarrowBot.Knowledge.Tests.Triage;

/// <summary>
/// The safety floors of the triage issue, on patient-style messages labelled against the policy by someone other
/// than the engine's author. triage-set.json is the development set (rules were tuned on it); triage-holdout.json
/// was never used for tuning and is reported apart.
/// </summary>
public sealed class TriageEvaluationTests(ITestOutputHelper output)
{
    private const string DevelopmentSet = "triage-set.json";
    private const string HoldoutSet = "triage-holdout.json";

    [Fact]
    public void TheDevelopmentSetIsLargeAndCoversEveryTier()
    {
        var items = TriageSet.Load(DevelopmentSet);

        Assert.True(items.Count >= 300, $"{items.Count} messages");
        Assert.All(Enum.GetValues<TriageTier>(), t => Assert.True(items.Count(i => i.Expected == t) >= 50, $"{t}"));
    }

    [Fact]
    public void DevelopmentSetMeetsTheSafetyFloors()
    {
        var score = TriageScore.Run(t => SharedTriage.Engine().Assess(t), TriageSet.Load(DevelopmentSet));
        output.WriteLine(score.Report("development set", showTexts: true));

        Assert.Equal(1.0, score.EmergencyRecall);
        Assert.True(score.UrgentOrWorseRecall >= 0.98, $"urgent-or-worse recall {score.UrgentOrWorseRecall:P1}");
        Assert.True(score.OverTriage <= 0.05, $"over-triage {score.OverTriage:P1}");
    }

    [Fact]
    public void HoldoutSetMeetsTheSafetyFloors()
    {
        var score = TriageScore.Run(t => SharedTriage.Engine().Assess(t), TriageSet.Load(HoldoutSet));

        // Only the aggregate report is printed: the held-out texts are not read while tuning.
        output.WriteLine(score.Report("held-out set", showTexts: false));

        Assert.Equal(1.0, score.EmergencyRecall);
        Assert.True(score.UrgentOrWorseRecall >= 0.98, $"urgent-or-worse recall {score.UrgentOrWorseRecall:P1}");
        Assert.True(score.OverTriage <= 0.05, $"over-triage {score.OverTriage:P1}");
    }
}
