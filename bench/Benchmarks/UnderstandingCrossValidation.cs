using System.Globalization;
using System.Text;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Understanding;

namespace MarrowBot.Benchmarks;

/// <summary>
/// 5-fold cross-validation of the whole understanding step, training sentences only (issue 10, point 7; ADR 0024):
/// per fold the bot's own classes are trained on four fifths (<see cref="MlNetIntentClassifier"/> on words and
/// MiniLM vectors, <see cref="ExemplarIndex"/> over the same vectors) and the fifth is predicted by the classifier
/// alone, by the nearest phrasing alone and by <see cref="IntentFusion"/> at several settings. Candidates of the
/// classifier (<see cref="ClassifierSettings"/>) and of the pooling are compared here, never on a corpus's test
/// sentences. Sets: the bot's phrasings and each NLU corpus's <c>training: true</c> sentences. Folds are stratified
/// by intent with a fixed seed, so every run splits the same way.
/// </summary>
public static class UnderstandingCrossValidation
{
    private const int Folds = 5;

    private static readonly (string Name, ClassifierSettings Settings)[] Candidates =
    [
        ("sdca (bot)", ClassifierSettings.Default),
        ("sdca l2 1e-4", ClassifierSettings.Default with { L2Regularization = 1e-4f }),
        ("sdca l2 1e-3", ClassifierSettings.Default with { L2Regularization = 1e-3f }),
        ("sdca char 3", ClassifierSettings.Default with { CharGramLength = 3 }),
        ("sdca char 5", ClassifierSettings.Default with { CharGramLength = 5 }),
        ("lbfgs l2 1", ClassifierSettings.Default with { Trainer = ClassifierTrainer.LbfgsMaximumEntropy, L2Regularization = 1f }),
        ("lbfgs l2 0.1", ClassifierSettings.Default with { Trainer = ClassifierTrainer.LbfgsMaximumEntropy, L2Regularization = 0.1f }),
        ("lbfgs l2 0.01", ClassifierSettings.Default with { Trainer = ClassifierTrainer.LbfgsMaximumEntropy, L2Regularization = 0.01f }),
        ("lbfgs l2 0.1 x6", ClassifierSettings.Default with { Trainer = ClassifierTrainer.LbfgsMaximumEntropy, L2Regularization = 0.1f, MeaningScale = 6f }),
    ];

    private static readonly int[] Neighbours = [1, 2, 3, 4, 5];

    private static readonly FusionSettings[] Poolings =
    [
        new(0.3, 0.05), new(0.3, 0.1), new(0.5, 0.05), new(0.7, 0.05), new(0.8, 0.05),
        new(0.3, 0.05, 2), new(0.5, 0.05, 2), new(0.7, 0.05, 2), new(0.3, 0.05, 3), new(0.5, 0.05, 3), new(0.6, 0.05, 3), new(0.7, 0.05, 3),
        new(0.7, 0.1, 3), new(0.8, 0.05, 3), new(0.5, 0.05, 4), new(0.7, 0.05, 4), new(0.5, 0.05, 5), new(0.7, 0.05, 5),
        new(0.3, 0.05, 4), new(0.3, 0.05, 5), new(0.3, 0.1, 3), new(0.3, 0.02, 3),
    ];

    /// <param name="which">"corpora" skips the bot's phrasings; "bot" runs them alone; anything else runs all.</param>
    /// <param name="only">Candidate names to run (all when empty).</param>
    public static string Run(string corporaFolder, string which, IReadOnlyCollection<string> only)
    {
        using var generator = LocalEncoders.Create(new EmbeddingOptions());
        var sets = new List<(string Name, IReadOnlyList<TrainingExample> Examples, float[][] Vectors)>();
        if (which != "corpora")
        {
            var bot = TrainingExample.From(KnowledgeLoader.Load(Path.Combine(Paths.Root, "data")));
            sets.Add(("bot phrasings", bot, ExemplarIndex.Build(bot, generator, Path.Combine(Paths.Root, ".cache", "models"), "exemplars").Vectors()));
        }

        if (which != "bot" && Directory.Exists(corporaFolder))
        {
            sets.AddRange(NluCorpus.LoadFolder(corporaFolder).Select(c => (c.Name + " training", c.Training, ExemplarIndex.Embed(generator, c.Training.Select(t => t.Text).ToList()))));
        }

        var candidates = Candidates.Where(c => only.Count == 0 || only.Contains(c.Name)).ToList();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{Folds}-fold stratified cross-validation, training sentences only, {generator.ModelId}: micro accuracy (correct/total)");
        report.AppendLine("columns: classifier alone | meaning alone (mean of 1 / 2 / 3 / 4 / 5 nearest phrasings per intent) | fused " + string.Join(" | ", Poolings.Select(Name)));
        foreach (var (name, examples, vectors) in sets)
        {
            var meaningDone = false;
            foreach (var (candidate, settings) in candidates)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var (classifier, meaning, fused) = CrossValidate(examples, vectors, settings);
                var cells = new List<string> { Cell(classifier, examples.Count), meaningDone ? "  (same)   " : string.Join(" / ", meaning.Select(m => Cell(m, examples.Count))) };
                meaningDone = true;
                cells.AddRange(fused.Select(f => Cell(f, examples.Count)));
                report.AppendLine(CultureInfo.InvariantCulture, $"{name,-30} {candidate,-16} {string.Join(" | ", cells)}  ({watch.Elapsed.TotalSeconds:0} s)");
                Console.Error.WriteLine(report.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
            }
        }

        return report.ToString();
    }

    private static (int Classifier, int[] Meaning, int[] Fused) CrossValidate(IReadOnlyList<TrainingExample> examples, float[][] vectors, ClassifierSettings settings)
    {
        var fold = FoldOf(examples);
        var (classifierRight, meaningRight, fusedRight) = (0, new int[Neighbours.Length], new int[Poolings.Length]);
        for (var f = 0; f < Folds; f++)
        {
            var train = Enumerable.Range(0, examples.Count).Where(i => fold[i] != f).ToList();
            var test = Enumerable.Range(0, examples.Count).Where(i => fold[i] == f).ToList();
            var trainExamples = train.Select(i => examples[i]).ToList();
            var trainVectors = train.Select(i => vectors[i]).ToList();
            var classifier = MlNetIntentClassifier.Train(trainExamples, trainVectors, NotEncodedHere, settings);
            var exemplars = new ExemplarIndex(trainExamples, trainVectors);
            foreach (var i in test)
            {
                var expected = examples[i].Intent;
                var words = classifier.Predict(examples[i].Text, vectors[i]);
                classifierRight += words.Top?.Intent == expected ? 1 : 0;
                for (var k = 0; k < Neighbours.Length; k++)
                {
                    meaningRight[k] += exemplars.Nearest(vectors[i], Neighbours[k]).FirstOrDefault()?.Intent == expected ? 1 : 0;
                }

                for (var p = 0; p < Poolings.Length; p++)
                {
                    var fusion = new IntentFusion(classifier, exemplars, Poolings[p]);
                    fusedRight[p] += fusion.Predict(examples[i].Text, vectors[i]).Fused.Top?.Intent == expected ? 1 : 0;
                }
            }
        }

        return (classifierRight, meaningRight, fusedRight);
    }

    /// <summary>Stratified folds: each intent's examples, shuffled with the trainer's seed, dealt round the folds in turn.</summary>
    private static int[] FoldOf(IReadOnlyList<TrainingExample> examples)
    {
        var random = new Random(IntentModelTrainer.Seed);
        var fold = new int[examples.Count];
        var next = 0;
        foreach (var group in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Intent).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            foreach (var i in members)
            {
                fold[i] = next++ % Folds;
            }
        }

        return fold;
    }

    private static string Cell(int correct, int total) => string.Create(CultureInfo.InvariantCulture, $"{(double)correct / total:0.000} ({correct,4})");

    private static string Name(FusionSettings s) => string.Create(CultureInfo.InvariantCulture, $"w{s.ClassifierWeight:0.0#} t{s.Temperature:0.0#} k{s.Neighbours}");

    private static float[] NotEncodedHere(string text) => throw new InvalidOperationException("every sentence's vector is handed to the classifier");
}
