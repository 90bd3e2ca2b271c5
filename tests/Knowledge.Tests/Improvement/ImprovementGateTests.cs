using MarrowBot.Knowledge.Improvement;

namespace MarrowBot.Knowledge.Tests.Improvement;

/// <summary>The retrain gate (ADR 0029): a candidate replaces the model only when no figure drops and no regression case newly fails.</summary>
public sealed class ImprovementGateTests
{
    private static readonly KnowledgeFigures Current = new(0.80, 100, 0.90, 20, 0.95, 40, 0.92, 80, 3, []);

    [Fact]
    public void ACandidateEqualOnEveryFigureIsAccepted()
    {
        Assert.True(ImprovementGate.Decide(Current, Current with { }).Accepted);
    }

    [Fact]
    public void ACandidateBetterOnOneFigureAndEqualOnTheRestIsAccepted()
    {
        Assert.True(ImprovementGate.Decide(Current, Current with { AnswerRightOrOffered = 0.81 }).Accepted);
    }

    [Theory]
    [InlineData("answered right or offered")]
    [InlineData("out of scope declined")]
    [InlineData("emergency recall")]
    [InlineData("urgent-or-worse recall")]
    public void ACandidateThatDropsAnyFigureIsRejectedNamingIt(string figure)
    {
        var candidate = figure switch
        {
            "answered right or offered" => Current with { AnswerRightOrOffered = 0.79, OutOfScopeDeclined = 1.0 },
            "out of scope declined" => Current with { OutOfScopeDeclined = 0.85, AnswerRightOrOffered = 0.9 },
            "emergency recall" => Current with { EmergencyRecall = 0.94 },
            _ => Current with { UrgentOrWorseRecall = 0.91 },
        };

        var decision = ImprovementGate.Decide(Current, candidate);

        Assert.False(decision.Accepted);
        Assert.Contains(figure, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACandidateThatFailsARegressionCaseTheCurrentPassesIsRejectedNamingTheCase()
    {
        var decision = ImprovementGate.Decide(Current, Current with { FailedRegressions = ["bleeding-ongoing"] });

        Assert.False(decision.Accepted);
        Assert.Contains("bleeding-ongoing", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WithSlackAnAnsweringFigureMayLoseThatManyQuestionsButNotMore()
    {
        // 20 out-of-scope questions: one question is 0.05.
        Assert.True(ImprovementGate.Decide(Current, Current with { OutOfScopeDeclined = 0.85 }, answerSlack: 1).Accepted);
        Assert.False(ImprovementGate.Decide(Current, Current with { OutOfScopeDeclined = 0.80 }, answerSlack: 1).Accepted);
    }

    [Fact]
    public void SlackNeverAppliesToTriageFiguresOrRegressionCases()
    {
        Assert.False(ImprovementGate.Decide(Current, Current with { EmergencyRecall = 0.94 }, answerSlack: 5).Accepted);
        Assert.False(ImprovementGate.Decide(Current, Current with { UrgentOrWorseRecall = 0.91 }, answerSlack: 5).Accepted);
        Assert.False(ImprovementGate.Decide(Current, Current with { FailedRegressions = ["c"] }, answerSlack: 5).Accepted);
    }

    [Fact]
    public void ACaseBothFailIsReportedAsStillOpenWithoutHoldingBackTheCandidate()
    {
        var decision = ImprovementGate.Decide(Current with { FailedRegressions = ["open-case"] }, Current with { FailedRegressions = ["open-case"] });

        Assert.True(decision.Accepted);
        Assert.Contains("open-case", decision.Reason, StringComparison.Ordinal);
    }
}
