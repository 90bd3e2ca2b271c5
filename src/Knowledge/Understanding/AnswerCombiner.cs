using System.Text.Json;
using MarrowBot.Knowledge.Content;

namespace MarrowBot.Knowledge.Understanding;

/// <summary>
/// The small calibrated combiner of issue 10, point 3 (ADR 0022): two logistic models over
/// <see cref="AnswerEvidence"/>, trained by tools/AnswerCombiner on the blind development questions only (never the
/// test split) and kept in data/answer-combiner.json. One gives the chance that the article does not answer the
/// question at all (decline at or above its threshold); the other the chance that the top FAQ entry cites a section
/// that answers it (answer at or above its threshold; between the two, a clarifying question offers the top
/// entries). Similarities depend on the encoder, so the file names the model it was trained with and is used only
/// with that model and the same pooling settings.
/// </summary>
public sealed record AnswerCombiner(string ModelId, double ClassifierWeight, double Temperature, LogisticModel OutOfScope, LogisticModel TopIsRight, int Neighbours = 1)
{
    public const string FileName = "answer-combiner.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Whether this combiner was trained for the encoder and pooling in use.</summary>
    public bool Fits(string modelId, FusionSettings settings) =>
        string.Equals(modelId, ModelId, StringComparison.Ordinal)
        && Math.Abs(settings.ClassifierWeight - ClassifierWeight) < 1e-9
        && Math.Abs(settings.Temperature - Temperature) < 1e-9
        && settings.Neighbours == Neighbours;

    /// <summary>The chance that nothing in the article answers the message.</summary>
    public double OutOfScopeChance(AnswerEvidence evidence) => OutOfScope.Probability(evidence.Features());

    /// <summary>The chance that the top FAQ entry's answer is from a section that answers the message.</summary>
    public double TopIsRightChance(AnswerEvidence evidence) => TopIsRight.Probability(evidence.Features());

    public bool Declines(AnswerEvidence evidence) => OutOfScopeChance(evidence) >= OutOfScope.Threshold;

    public bool Answers(AnswerEvidence evidence) => TopIsRightChance(evidence) >= TopIsRight.Threshold;

    /// <summary>The combiner in <paramref name="dataDirectory"/>, or null when the folder has none (thresholds alone then).</summary>
    public static AnswerCombiner? Load(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        AnswerCombinerFile? file;
        try
        {
            file = JsonSerializer.Deserialize<AnswerCombinerFile>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            throw new KnowledgeDataException(FileName, "(file)", $"not valid JSON ({e.Message}); regenerate it with scripts/train-answer-combiner.sh");
        }

        if (file is null || file.ModelId is not { Length: > 0 } || file.OutOfScope is null || file.TopIsRight is null)
        {
            throw new KnowledgeDataException(FileName, "(file)", "modelId, outOfScope and topIsRight are required; regenerate it with scripts/train-answer-combiner.sh");
        }

        if (file.Features is null || !file.Features.SequenceEqual(AnswerEvidence.Names))
        {
            throw new KnowledgeDataException(FileName, "features", $"must list {string.Join(", ", AnswerEvidence.Names)} in that order (the code's evidence changed: regenerate it with scripts/train-answer-combiner.sh)");
        }

        return new AnswerCombiner(file.ModelId, file.ClassifierWeight, file.Temperature, file.OutOfScope.Validated("outOfScope"), file.TopIsRight.Validated("topIsRight"), file.Neighbours);
    }

    /// <summary>Writes the combiner with the facts of its training (tools/AnswerCombiner).</summary>
    public void Save(string dataDirectory, string description, IReadOnlyDictionary<string, double> measured)
    {
        var file = new AnswerCombinerFile
        {
            Description = description,
            ModelId = ModelId,
            ClassifierWeight = ClassifierWeight,
            Temperature = Temperature,
            Neighbours = Neighbours,
            Features = [.. AnswerEvidence.Names],
            OutOfScope = OutOfScope,
            TopIsRight = TopIsRight,
            Measured = measured.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 4)),
        };
        File.WriteAllText(Path.Combine(dataDirectory, FileName), JsonSerializer.Serialize(file, Json) + "\n");
    }

    private sealed class AnswerCombinerFile
    {
        public string? Description { get; set; }

        public string? ModelId { get; set; }

        public double ClassifierWeight { get; set; }

        public double Temperature { get; set; }

        /// <summary>Absent in a file written before ADR 0024: the nearest phrasing alone.</summary>
        public int Neighbours { get; set; } = 1;

        public List<string>? Features { get; set; }

        public LogisticModel? OutOfScope { get; set; }

        public LogisticModel? TopIsRight { get; set; }

        public Dictionary<string, double>? Measured { get; set; }
    }
}

/// <summary>A logistic model: the chance is the logistic of the weighted features plus the bias; acted on at or above the threshold.</summary>
public sealed record LogisticModel(IReadOnlyList<double> Weights, double Bias, double Threshold)
{
    public double Probability(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var z = Bias;
        for (var i = 0; i < Weights.Count; i++)
        {
            z += Weights[i] * features[i];
        }

        return 1 / (1 + Math.Exp(-Math.Clamp(z, -30, 30)));
    }

    internal LogisticModel Validated(string name) =>
        Weights is null || Weights.Count != AnswerEvidence.Names.Count || Weights.Any(w => !double.IsFinite(w)) || !double.IsFinite(Bias) || Threshold is <= 0 or >= 1
            ? throw new KnowledgeDataException(AnswerCombiner.FileName, name, $"needs {AnswerEvidence.Names.Count} finite weights, a finite bias and a threshold between 0 and 1")
            : this;

    /// <summary>
    /// Fits weights by gradient descent on the log loss with a small L2 penalty (features are on 0-1 scales; a
    /// few hundred examples): deterministic, no dependency.
    /// </summary>
    public static (IReadOnlyList<double> Weights, double Bias) Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels, double l2 = 0.01, int iterations = 4000, double rate = 0.5)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var n = features[0].Length;
        var w = new double[n];
        var b = 0.0;
        var gradient = new double[n];
        for (var step = 0; step < iterations; step++)
        {
            Array.Clear(gradient);
            var gb = 0.0;
            for (var i = 0; i < features.Count; i++)
            {
                var z = b;
                for (var j = 0; j < n; j++)
                {
                    z += w[j] * features[i][j];
                }

                var error = (1 / (1 + Math.Exp(-Math.Clamp(z, -30, 30)))) - (labels[i] ? 1 : 0);
                for (var j = 0; j < n; j++)
                {
                    gradient[j] += error * features[i][j];
                }

                gb += error;
            }

            for (var j = 0; j < n; j++)
            {
                w[j] -= rate * ((gradient[j] / features.Count) + (l2 * w[j]));
            }

            b -= rate * gb / features.Count;
        }

        return (w, b);
    }
}
