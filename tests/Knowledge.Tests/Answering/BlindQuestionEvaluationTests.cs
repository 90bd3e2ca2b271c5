using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Tests.Support;
using Xunit.Abstractions;

namespace MarrowBot.Knowledge.Tests.Answering;

/// <summary>
/// The blind question set (written from the article alone, never seen by whoever wrote data/ or the thresholds)
/// through the responder, by meaning and words together as the bot runs by default, and by words alone
/// (Embeddings:Provider None) for comparison. Weights and thresholds were chosen on the dev split; the floors below
/// are asserted on the test split, which nothing was tuned on. Issue 10 asks for right-or-offered >= 0.90 and
/// declines >= 0.85 on it; measured 2026-12-03 after the refit with the third development set (ADR 0022): 0.861
/// (right 0.489, offered 0.372), wrong 0.058, declines 0.875. The decline floor is the issue's; the right-or-offered
/// floor guards what is reached, not the goal, and the issue stays open until it holds.
/// </summary>
public sealed class BlindQuestionEvaluationTests(ITestOutputHelper output)
{
    public const double RightOrOfferedFloor = 0.85;
    public const double WrongTopicCeiling = 0.07;
    public const double OutOfScopeDeclinedFloor = 0.85;
    public const double ConversationalFloor = 0.70;

    [Fact]
    public void OnTheBlindTestSplitMeaningAndWordsReachTheFloorsAndRarelyGiveAnotherTopicsAnswer()
    {
        var score = Score("test", SharedMeaning.Responder());

        Assert.True(score.Right + score.Offered >= RightOrOfferedFloor, score.Summary());
        Assert.True(score.Wrong <= WrongTopicCeiling, score.Summary());
        Assert.True(score.OutOfScopeDeclined >= OutOfScopeDeclinedFloor, score.Summary());
        Assert.True(score.Conversational >= ConversationalFloor, score.Summary());
    }

    [Fact]
    public void OnTheBlindTestSplitMeaningFindsFarMoreRightAnswersAndFewerWrongOnesThanWordsAlone()
    {
        var words = Score("test", Responders.Build(SharedKnowledge.Classifier), "words only");
        var both = Score("test", SharedMeaning.Responder(), "meaning and words");

        Assert.True(both.Right + both.Offered >= words.Right + words.Offered + 0.15, $"{both.Summary()} vs {words.Summary()}");
        Assert.True(both.Wrong < words.Wrong, $"{both.Summary()} vs {words.Summary()}");
        Assert.True(both.OutOfScopeDeclined >= words.OutOfScopeDeclined, $"{both.Summary()} vs {words.Summary()}");
    }

    [Fact]
    public void OnTheBlindDevSplitTheTunedSettingsHoldTheSameFloors()
    {
        var score = Score("dev", SharedMeaning.Responder());

        Assert.True(score.Right + score.Offered >= RightOrOfferedFloor, score.Summary());
        Assert.True(score.Wrong <= WrongTopicCeiling, score.Summary());
    }

    private BlindScore Score(string split, Responder responder, string label = "meaning and words")
    {
        var score = BlindScore.Of(BlindQuestion.Load(split), text => responder.Respond(text, ConversationMemory.New with { Welcomed = true }).Replies[^1], SharedKnowledge.Knowledge);
        output.WriteLine($"{split} split, {label}: {score.Summary()}");
        foreach (var miss in score.Misses)
        {
            output.WriteLine("  " + miss);
        }

        return score;
    }
}
