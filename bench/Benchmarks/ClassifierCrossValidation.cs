using System.Globalization;
using System.Text;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Understanding;
using Microsoft.ML;

namespace MarrowBot.Benchmarks;

/// <summary>
/// How <see cref="IntentModelTrainer.MeaningScale"/> was chosen (ADR 0021): 5-fold cross-validation of the intent
/// classifier on training sentences only, at several weights of the MiniLM sentence vector against the n-gram
/// views (0: words alone). Sets: the bot's own phrasings (data/faq.json, guidance, smalltalk) and each NLU corpus's
/// <c>training: true</c> sentences. No test sentence of any corpus and no held-out or blind set is read here.
/// </summary>
public static class ClassifierCrossValidation
{
    private static readonly float[] Scales = [0f, 1f, 2f, 3f, 4f, 6f];

    public static string Run(string corporaFolder)
    {
        using var generator = LocalEncoders.Create(new EmbeddingOptions());
        var knowledge = KnowledgeLoader.Load(Path.Combine(Paths.Root, "data"));
        var bot = TrainingExample.From(knowledge);
        var sets = new List<(string Name, IReadOnlyList<TrainingExample> Examples, float[][] Vectors)>
        {
            ("bot phrasings", bot, ExemplarIndex.Build(bot, generator, Path.Combine(Paths.Root, ".cache", "models"), "exemplars").Vectors()),
        };

        if (Directory.Exists(corporaFolder))
        {
            sets.AddRange(NluCorpus.LoadFolder(corporaFolder).Select(c => (c.Name + " training", c.Training, ExemplarIndex.Embed(generator, c.Training.Select(t => t.Text).ToList()))));
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"5-fold cross-validation micro accuracy of the intent classifier, training sentences only, {generator.ModelId} vector scale: {string.Join("  ", Scales.Select(s => s.ToString("0.#", CultureInfo.InvariantCulture).PadLeft(6)))}");
        var means = new double[Scales.Length];
        foreach (var (name, examples, vectors) in sets)
        {
            var cells = new List<string>();
            for (var i = 0; i < Scales.Length; i++)
            {
                var accuracy = CrossValidate(examples, Scales[i] == 0 ? null : vectors, Scales[i]);
                means[i] += accuracy / sets.Count;
                cells.Add(accuracy.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(6));
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"{name,-32} ({examples.Count,4} sentences) {string.Join("  ", cells)}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"{"mean over the sets",-48} {string.Join("  ", means.Select(m => m.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(6)))}");
        report.AppendLine(CultureInfo.InvariantCulture, $"IntentModelTrainer.MeaningScale is {IntentModelTrainer.MeaningScale:0.##}");
        return report.ToString();
    }

    private static double CrossValidate(IReadOnlyList<TrainingExample> examples, float[][]? vectors, float scale)
    {
        var ml = new MLContext(IntentModelTrainer.Seed);
        var data = IntentModelTrainer.Load(ml, examples, vectors, scale);
        var pipeline = IntentModelTrainer.BuildPipeline(ml, vectors is { Length: > 0 } ? vectors[0].Length : 0);
        var folds = ml.MulticlassClassification.CrossValidate(data, pipeline, numberOfFolds: 5, labelColumnName: "Label", seed: IntentModelTrainer.Seed);
        return folds.Average(f => f.Metrics.MicroAccuracy);
    }
}
