using System.Numerics.Tensors;
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
/// With sentence embeddings on, the message's unit-length sentence vector times <see cref="MeaningScale"/> is a
/// third feature column beside the two n-gram views (docs/decisions/0021): the classifier then learns from meaning
/// and words together instead of only being pooled with meaning afterwards.
/// One thread and a fixed seed make training reproducible.
/// </summary>
public static class IntentModelTrainer
{
    /// <summary>Bumped whenever the pipeline changes, so a model saved by an older pipeline is not reused.</summary>
    public const string PipelineVersion = "sdca-maxent-w2c4-terms-v3i60";

    public const int Seed = 20261127;

    /// <summary>
    /// How much the sentence vector (unit length) weighs against the n-gram views (each L2-normalised, so unit
    /// length too). Chosen by 5-fold cross-validation on training phrasings only: the bot's own and each NLU
    /// corpus's <c>training: true</c> sentences (bench/Benchmarks classifier-cv; ADR 0021).
    /// </summary>
    public const float MeaningScale = 3f;

    /// <summary>
    /// SDCA's iteration cap with the sentence vector. On words alone SDCA converges well inside 200 iterations; with
    /// the dense vector it runs them all (36 s on 1,164 phrasings on 2 cores). At 60 it trains in about 10 s for half
    /// a point of cross-validated accuracy on the bot's phrasings (0.872 against 0.877; 30: 0.865 in 6 s; ADR 0021).
    /// </summary>
    public const int MeaningIterations = 60;

    /// <summary>The column that holds the scaled sentence vector.</summary>
    public const string MeaningColumn = nameof(IntentInput.Meaning);

    /// <summary>Trains on words alone (<paramref name="vectors"/> null) or on words and each example's sentence vector.</summary>
    public static ITransformer Train(MLContext ml, IReadOnlyList<TrainingExample> examples, IReadOnlyList<float[]>? vectors = null, ClassifierSettings? settings = null)
    {
        settings ??= ClassifierSettings.Default;
        ArgumentNullException.ThrowIfNull(examples);
        if (vectors is not null && vectors.Count != examples.Count)
        {
            throw new ArgumentException($"{vectors.Count} vectors for {examples.Count} examples", nameof(vectors));
        }

        var data = Load(ml, examples, vectors, settings.MeaningScale);
        return BuildPipeline(ml, Dimensions(vectors), settings).Fit(data);
    }

    /// <summary>The training rows as a data view (the sentence vector column only when there are vectors).</summary>
    public static IDataView Load(MLContext ml, IReadOnlyList<TrainingExample> examples, IReadOnlyList<float[]>? vectors = null, float meaningScale = MeaningScale)
    {
        var rows = examples.Select((e, i) => IntentInput.From(e.Text, e.Intent, vectors?[i], meaningScale)).ToList();
        return ml.Data.LoadFromEnumerable(rows, InputDefinition(Dimensions(vectors)));
    }

    /// <summary>The pipeline; <paramref name="meaningDimensions"/> 0 is words only.</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext ml, int meaningDimensions = 0, ClassifierSettings? settings = null)
    {
        settings ??= ClassifierSettings.Default;
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.CharGramLength, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };

        var terms = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };

        string[] features = meaningDimensions > 0 ? ["TextFeatures", "TermFeatures", MeaningColumn] : ["TextFeatures", "TermFeatures"];
        return ml.Transforms.Conversion.MapValueToKey("Label", nameof(IntentInput.Intent))
            .Append(ml.Transforms.Text.FeaturizeText("TextFeatures", featurizer, nameof(IntentInput.Text)))
            .Append(ml.Transforms.Text.FeaturizeText("TermFeatures", terms, nameof(IntentInput.Terms)))
            .Append(ml.Transforms.Concatenate("Features", features))
            .Append(Trainer(ml, meaningDimensions, settings))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, int meaningDimensions, ClassifierSettings settings) => settings.Trainer switch
    {
        ClassifierTrainer.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            NumberOfThreads = 1,
            L2Regularization = settings.L2Regularization,
            L1Regularization = 0,
        }),
        _ => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            NumberOfThreads = 1,
            MaximumNumberOfIterations = meaningDimensions > 0 ? MeaningIterations : 200,
            L2Regularization = settings.L2Regularization,
        }),
    };

    /// <summary>
    /// How ML.NET reads <see cref="IntentInput"/>: with a fixed-size sentence vector column, or without that column
    /// at all (words only), so a words-only model never expects a vector.
    /// </summary>
    public static SchemaDefinition InputDefinition(int meaningDimensions)
    {
        var definition = SchemaDefinition.Create(typeof(IntentInput), SchemaDefinition.Direction.Read);
        var meaning = definition[MeaningColumn];
        if (meaningDimensions > 0)
        {
            meaning.ColumnType = new VectorDataViewType(NumberDataViewType.Single, meaningDimensions);
        }
        else
        {
            definition.Remove(meaning);
        }

        return definition;
    }

    private static int Dimensions(IReadOnlyList<float[]>? vectors) => vectors is { Count: > 0 } ? vectors[0].Length : 0;
}

/// <summary>The row shape the pipeline reads.</summary>
public sealed class IntentInput
{
    public string Text { get; set; } = string.Empty;

    public string Terms { get; set; } = string.Empty;

    public string Intent { get; set; } = string.Empty;

    /// <summary>The sentence vector times the meaning scale; read only by a model trained with vectors.</summary>
    public float[] Meaning { get; set; } = [];

    public static IntentInput From(string text, string intent = "", ReadOnlySpan<float> vector = default, float meaningScale = IntentModelTrainer.MeaningScale) => new()
    {
        Text = TextNormalizer.Normalize(text),
        Terms = string.Join(' ', PassageIndex.Terms(text)),
        Intent = intent,
        Meaning = Scale(vector, meaningScale),
    };

    /// <summary>A copy of <paramref name="vector"/> times <paramref name="scale"/>.</summary>
    public static float[] Scale(ReadOnlySpan<float> vector, float scale)
    {
        var scaled = new float[vector.Length];
        TensorPrimitives.Multiply(vector, scale, scaled);
        return scaled;
    }
}

/// <summary>The row shape the pipeline writes.</summary>
public sealed class IntentOutput
{
    [ColumnName("PredictedLabel")]
    public string PredictedIntent { get; set; } = string.Empty;

    [ColumnName("Score")]
    public float[] Scores { get; set; } = [];
}
