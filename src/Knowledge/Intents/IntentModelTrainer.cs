using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace MarrowBot.Knowledge.Intents;

/// <summary>
/// Builds the ML.NET pipeline: word uni/bi-grams and character 4-grams over normalised text, plus word uni/bi-grams
/// over its stemmed content words, into a maximum-entropy (softmax) classifier trained by SDCA. Character n-grams
/// carry misspellings; word bigrams carry phrases such as "bone marrow"; the stemmed view lets "infections" and
/// "infection" meet. Chosen by 5-fold cross-validation on the training phrasings (docs/decisions/0003).
/// One thread and a fixed seed make training reproducible.
/// </summary>
public static class IntentModelTrainer
{
    /// <summary>Bumped whenever the pipeline changes, so a model saved by an older pipeline is not reused.</summary>
    public const string PipelineVersion = "sdca-maxent-w2c4-terms-v2";

    public const int Seed = 20261127;

    public static ITransformer Train(MLContext ml, IEnumerable<TrainingExample> examples)
    {
        var rows = examples.Select(e => IntentInput.From(e.Text, e.Intent)).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        return BuildPipeline(ml).Fit(data);
    }

    public static IEstimator<ITransformer> BuildPipeline(MLContext ml)
    {
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };

        var terms = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };

        var trainer = new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 200,
            L2Regularization = 3e-5f,
        };

        return ml.Transforms.Conversion.MapValueToKey("Label", nameof(IntentInput.Intent))
            .Append(ml.Transforms.Text.FeaturizeText("TextFeatures", featurizer, nameof(IntentInput.Text)))
            .Append(ml.Transforms.Text.FeaturizeText("TermFeatures", terms, nameof(IntentInput.Terms)))
            .Append(ml.Transforms.Concatenate("Features", "TextFeatures", "TermFeatures"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(trainer))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
    }
}

/// <summary>The row shape the pipeline reads.</summary>
public sealed class IntentInput
{
    public string Text { get; set; } = string.Empty;

    public string Terms { get; set; } = string.Empty;

    public string Intent { get; set; } = string.Empty;

    public static IntentInput From(string text, string intent = "") => new()
    {
        Text = TextNormalizer.Normalize(text),
        Terms = string.Join(' ', PassageIndex.Terms(text)),
        Intent = intent,
    };
}

/// <summary>The row shape the pipeline writes.</summary>
public sealed class IntentOutput
{
    [ColumnName("PredictedLabel")]
    public string PredictedIntent { get; set; } = string.Empty;

    [ColumnName("Score")]
    public float[] Scores { get; set; } = [];
}
