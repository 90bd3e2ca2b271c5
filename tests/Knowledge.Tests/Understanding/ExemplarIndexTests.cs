using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Understanding;

namespace MarrowBot.Knowledge.Tests.Understanding;

public sealed class ExemplarIndexTests
{
    // "a" has one phrasing right on the message and two far from it; "b" has three fairly close ones.
    private static readonly ExemplarIndex Index = new(
        [new("a1", "a"), new("a2", "a"), new("a3", "a"), new("b1", "b"), new("b2", "b"), new("b3", "b")],
        [[1f, 0f], [0f, 1f], [0f, 1f], [0.8f, 0.6f], [0.8f, 0.6f], [0.8f, 0.6f]]);

    [Fact]
    public void WithOneNeighbourAnIntentScoresItsNearestPhrasing()
    {
        var nearest = Index.Nearest([1f, 0f]);

        Assert.Equal(["a", "b"], nearest.Select(m => m.Intent));
        Assert.Equal(1f, nearest[0].Score, 3);
        Assert.Equal("a1", nearest[0].Exemplar);
    }

    [Fact]
    public void WithThreeNeighboursAnIntentScoresTheMeanOfItsThreeNearestAndStillNamesTheBestPhrasing()
    {
        var nearest = Index.Nearest([1f, 0f], neighbours: 3);

        Assert.Equal(["b", "a"], nearest.Select(m => m.Intent));
        Assert.Equal(0.8f, nearest[0].Score, 3);
        Assert.Equal(1f / 3, nearest[1].Score, 3);
        Assert.Equal("a1", nearest[1].Exemplar);
    }
}
