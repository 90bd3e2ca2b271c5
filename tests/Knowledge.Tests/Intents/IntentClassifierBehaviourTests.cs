using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Knowledge.Tests.Intents;

public sealed class IntentClassifierBehaviourTests
{
    private static readonly string[] Probes =
    [
        "what causes marrow failure?",
        "why am i so tierd all the time",
        "hello there",
        "what dose of ciclosporin should i take",
        "can i talk to a real nurse",
    ];

    [Fact]
    public void TrainingTwiceGivesIdenticalProbabilities()
    {
        var examples = TrainingExample.From(SharedKnowledge.Knowledge);
        var first = MlNetIntentClassifier.Train(examples);
        var second = MlNetIntentClassifier.Train(examples);

        foreach (var probe in Probes)
        {
            Assert.Equal(first.Predict(probe).Ranked, second.Predict(probe).Ranked);
        }
    }

    [Fact]
    public void ASavedModelIsReusedWhileTheContentIsUnchanged()
    {
        var dir = Directory.CreateTempSubdirectory("marrowbot-model-").FullName;
        try
        {
            var trained = MlNetIntentClassifier.LoadOrTrain(SharedKnowledge.Knowledge, dir, NullLogger.Instance);
            var reloaded = MlNetIntentClassifier.LoadOrTrain(SharedKnowledge.Knowledge, dir, NullLogger.Instance);

            Assert.False(trained.LoadedFromCache);
            Assert.True(reloaded.LoadedFromCache);
            Assert.True(File.Exists(MlNetIntentClassifier.ModelPath(SharedKnowledge.Knowledge, dir)));
            foreach (var probe in Probes)
            {
                Assert.Equal(trained.Predict(probe).Ranked, reloaded.Predict(probe).Ranked);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ACorruptSavedModelIsRetrainedInsteadOfStoppingStartUp()
    {
        var dir = Directory.CreateTempSubdirectory("marrowbot-model-").FullName;
        try
        {
            File.WriteAllText(MlNetIntentClassifier.ModelPath(SharedKnowledge.Knowledge, dir), "not a model");

            var classifier = MlNetIntentClassifier.LoadOrTrain(SharedKnowledge.Knowledge, dir, NullLogger.Instance);

            Assert.False(classifier.LoadedFromCache);
            Assert.Equal("causes", classifier.Predict("what causes marrow failure?").Top!.Intent);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ConcurrentPredictionsMatchSequentialOnes()
    {
        var classifier = SharedKnowledge.Classifier;
        var expected = Probes.ToDictionary(p => p, p => classifier.Predict(p).Ranked);

        var results = new System.Collections.Concurrent.ConcurrentBag<(string Probe, IReadOnlyList<IntentScore> Ranked)>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var probe = Probes[i % Probes.Length];
            results.Add((probe, classifier.Predict(probe).Ranked));
        });

        Assert.Equal(400, results.Count);
        Assert.All(results, r => Assert.Equal(expected[r.Probe], r.Ranked));
    }

    [Fact]
    public void ProbabilitiesAreRankedAndSumToOne()
    {
        var ranked = SharedKnowledge.Classifier.Predict("is marrow failure inherited").Ranked;

        Assert.Equal(1.0, ranked.Sum(r => r.Probability), 3);
        Assert.Equal(ranked.OrderByDescending(r => r.Probability), ranked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ???")]
    public void TextWithoutWordsPredictsNothing(string text)
    {
        Assert.Null(SharedKnowledge.Classifier.Predict(text).Top);
    }

    [Fact]
    public void AVeryLongMessageIsClassifiedFromItsHead()
    {
        var text = "why do i keep getting infections " + string.Concat(Enumerable.Repeat("blah ", 4000));

        Assert.Equal("infections", SharedKnowledge.Classifier.Predict(text).Top!.Intent);
    }
}
