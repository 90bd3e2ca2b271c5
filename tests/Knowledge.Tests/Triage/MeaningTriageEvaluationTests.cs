using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;
using Xunit.Abstractions;

namespace MarrowBot.Knowledge.Tests.Triage;

/// <summary>
/// Issue 10's triage floors, through the <see cref="ITriageEngine"/> the host calls (AddKnowledge with embeddings on:
/// the rules, then the second opinion by meaning, inside SafeTriageEngine), on the blind set written from the policy
/// by someone who never saw data/ or these tests. Its dev split may be tuned on; its test split and
/// triage-holdout.json never are, so their texts are never printed: misses are named by item number.
/// Over-triage is TriageScore's: the share of messages labelled none or routine that got a higher tier than their
/// label (stricter than "none raised to urgent or emergency", which is printed beside it).
/// </summary>
public sealed class MeaningTriageEvaluationTests(ITestOutputHelper output)
{
    private const double UrgentOrWorseRecallFloor = 0.97;
    private const double OverTriageCeiling = 0.05;

    /// <summary>
    /// Issue 10's floors on the blind test split: emergency recall 1.0, urgent-or-worse recall at least 0.97,
    /// over-triage at most 0.05. Measured once, 2026-12-03, after tuning on the development sets only (ADR 0018):
    /// 1.000 (58 of 58), 0.984 and 0.034 (4 of 118). The split is never tuned on; a regression here is to be fixed with
    /// new development-set wording, not by reading this split.
    /// </summary>
    [Fact]
    public void TheBlindTestSplitMeetsTheIssueFloors()
    {
        var items = TriageSet.LoadBlind("test");
        var score = TriageScore.Run(t => SharedMeaningTriage.Host.Assess(t), items);
        output.WriteLine(score.Report("blind test split, rules + meaning (never tuned on: misses by item number)", showTexts: false));

        Assert.True(items.Count >= 200, $"{items.Count} messages");
        AssertTheIssueFloors(score);
    }

    [Fact]
    public void TheBlindDevelopmentSplitMeetsTheIssueFloors()
    {
        var score = TriageScore.Run(t => SharedMeaningTriage.Host.Assess(t), TriageSet.LoadBlind("dev"));
        output.WriteLine(score.Report("blind development split, rules + meaning", showTexts: true));

        AssertTheIssueFloors(score);
    }

    /// <summary>
    /// The second blind development set (written blind from the policy, all dev, tuned on like the blind dev split):
    /// the same floors, with every tier reported and every miss and over-triaged message shown.
    /// </summary>
    [Fact]
    public void TheSecondBlindDevelopmentSetMeetsTheIssueFloors()
    {
        var items = TriageSet.LoadBlind("dev", TriageSet.BlindDev2File);
        var score = TriageScore.Run(t => SharedMeaningTriage.Host.Assess(t), items);
        output.WriteLine(score.Report("second blind development set, rules + meaning", showTexts: true));

        Assert.True(items.Count >= 400, $"{items.Count} messages");
        AssertTheIssueFloors(score);
    }

    /// <summary>
    /// What the second opinion adds on every set, rules alone against rules + meaning: recall gained, over-triage
    /// added, each message it raised (texts only for the development sets). It may only raise.
    /// </summary>
    [Theory]
    [InlineData("blind-triage.json:dev", true)]
    [InlineData("blind-triage.json:test", false)]
    [InlineData("blind-triage-dev2.json:dev", true)]
    [InlineData("triage-set.json", true)]
    [InlineData("triage-dev2.json", true)]
    [InlineData("triage-dev3.json", true)]
    [InlineData("triage-holdout.json", false)]
    public void TheSecondOpinionOnlyRaisesAndItsEffectIsReported(string set, bool development)
    {
        var items = TriageSet.LoadNamed(set);
        var rules = TriageScore.Run(t => SharedTriage.Engine().Assess(t), items);
        var both = TriageScore.Run(t => SharedMeaningTriage.Host.Assess(t), items);
        output.WriteLine(TriageScore.Compare(set, rules, both, showTexts: development));
        if (!development)
        {
            output.WriteLine(both.Report($"{set}, rules + meaning", showTexts: false));
        }

        Assert.All(rules.Rows.Zip(both.Rows), pair => Assert.True(pair.Second.Result.Tier >= pair.First.Result.Tier, $"#{pair.First.Item.Number} was lowered"));
    }

    /// <summary>Issue 10's triage floors: every emergency caught, urgent-or-worse recall at least 0.97, over-triage at most 0.05.</summary>
    private static void AssertTheIssueFloors(TriageScore score)
    {
        Assert.Equal(1.0, score.EmergencyRecall);
        Assert.True(score.UrgentOrWorseRecall >= UrgentOrWorseRecallFloor, $"urgent-or-worse recall {score.UrgentOrWorseRecall:P1}");
        Assert.True(score.OverTriage <= OverTriageCeiling, $"over-triage {score.OverTriage:P1}");
    }
}
