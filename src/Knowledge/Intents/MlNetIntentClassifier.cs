using System.Collections.Concurrent;
using System.Globalization;
using MarrowBot.Knowledge.Content;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MarrowBot.Knowledge.Intents;

/// <summary>
/// The ML.NET intent classifier, on words alone or (with sentence embeddings on) on words and the message's sentence
/// vector (<see cref="IntentModelTrainer"/>). The trained model is saved under the model directory with the content
/// hash and what it reads (words, or words and which encoder's vectors) in its name, and reused on the next start
/// while faq.json and smalltalk.json and the encoder are unchanged; switching Embeddings:Provider or Model trains
/// another model rather than loading one that expects other input. ML.NET's PredictionEngine is not thread-safe, so
/// each call rents one from a small pool instead of sharing a single engine.
/// </summary>
public sealed class MlNetIntentClassifier : IIntentClassifier
{
    /// <summary>Only the head of a very long message is classified: intent is stated early, and cost stays bounded.</summary>
    public const int MaxClassifiedChars = 1000;

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly string[] _labels;
    private readonly int _dimensions;
    private readonly SchemaDefinition _definition;
    private readonly Func<string, float[]>? _embed;
    private readonly ConcurrentBag<PredictionEngine<IntentInput, IntentOutput>> _engines = [];

    private readonly float _meaningScale;

    private MlNetIntentClassifier(MLContext ml, ITransformer model, DataViewSchema schema, Func<string, float[]>? embed, float meaningScale = IntentModelTrainer.MeaningScale)
    {
        _meaningScale = meaningScale;
        _ml = ml;
        _model = model;
        _labels = ReadLabels(model, schema);
        _dimensions = MeaningDimensions(schema);
        if (_dimensions > 0 && embed is null)
        {
            throw new ArgumentException("a model that reads sentence vectors needs an encoder", nameof(embed));
        }

        _definition = IntentModelTrainer.InputDefinition(_dimensions);
        _embed = _dimensions > 0 ? embed : null;
    }

    /// <summary>How the model was obtained on this start: trained now, or loaded from a saved file.</summary>
    public bool LoadedFromCache { get; private init; }

    /// <summary>Whether the model reads the message's sentence vector as well as its words.</summary>
    public bool UsesMeaning => _dimensions > 0;

    /// <summary>Trains on words alone.</summary>
    public static MlNetIntentClassifier Train(IReadOnlyList<TrainingExample> examples)
    {
        var ml = new MLContext(IntentModelTrainer.Seed);
        var model = IntentModelTrainer.Train(ml, examples);
        return new MlNetIntentClassifier(ml, model, InputSchema(ml, 0), embed: null);
    }

    /// <summary>
    /// Trains on words and meaning: <paramref name="vectors"/> are the examples' sentence vectors, in order, and
    /// <paramref name="embed"/> encodes a message when <see cref="Predict(string)"/> is called without its vector.
    /// The bot (through <see cref="LoadOrTrain"/>) and the NLU benchmark both train this way.
    /// </summary>
    public static MlNetIntentClassifier Train(IReadOnlyList<TrainingExample> examples, IReadOnlyList<float[]> vectors, Func<string, float[]> embed, ClassifierSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(embed);
        settings ??= ClassifierSettings.Default;
        var ml = new MLContext(IntentModelTrainer.Seed);
        var model = IntentModelTrainer.Train(ml, examples, vectors, settings);
        return new MlNetIntentClassifier(ml, model, InputSchema(ml, vectors.Count > 0 ? vectors[0].Length : 0), embed, settings.MeaningScale);
    }

    /// <summary>Loads the saved model for this content and encoder (<paramref name="meaning"/> null: words only), or trains and saves one.</summary>
    public static MlNetIntentClassifier LoadOrTrain(KnowledgeBase knowledge, string modelDirectory, ILogger logger, IntentMeaning? meaning = null)
    {
        var ml = new MLContext(IntentModelTrainer.Seed);
        var path = ModelPath(knowledge, modelDirectory, meaning?.ModelId);
        if (File.Exists(path))
        {
            try
            {
                var loaded = ml.Model.Load(path, out var schema);
                if ((MeaningDimensions(schema) > 0) == (meaning is not null))
                {
                    logger.LogInformation("Loaded intent model {ModelFile}", Path.GetFileName(path));
                    return new MlNetIntentClassifier(ml, loaded, schema, meaning?.Embed) { LoadedFromCache = true };
                }

                logger.LogWarning("Saved intent model {ModelFile} reads other input than this configuration gives; retraining", Path.GetFileName(path));
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException or IOException)
            {
                logger.LogWarning(ex, "Saved intent model {ModelFile} is unreadable; retraining", Path.GetFileName(path));
            }
        }

        var examples = TrainingExample.From(knowledge);
        var vectors = meaning?.TrainingVectors();
        var model = IntentModelTrainer.Train(ml, examples, vectors);
        var inputSchema = InputSchema(ml, vectors is { Count: > 0 } ? vectors[0].Length : 0);
        TrySave(ml, model, inputSchema, path, logger);
        logger.LogInformation("Trained intent model {ModelFile}", Path.GetFileName(path));
        return new MlNetIntentClassifier(ml, model, inputSchema, meaning?.Embed);
    }

    /// <summary>
    /// The saved model's file: the pipeline version, what it reads (<c>words</c>, or the encoder's model id and the
    /// meaning scale) and the content hash, so a change of any of them is another file.
    /// </summary>
    public static string ModelPath(KnowledgeBase knowledge, string modelDirectory, string? meaningModelId = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var reads = meaningModelId is null
            ? "words"
            : string.Create(CultureInfo.InvariantCulture, $"{Safe(meaningModelId)}x{IntentModelTrainer.MeaningScale:0.##}");
        return Path.Combine(modelDirectory, $"intent-{IntentModelTrainer.PipelineVersion}-{reads}-{knowledge.ContentHash[..16]}.zip");
    }

    /// <inheritdoc/>
    public IntentPrediction Predict(string text) => Predict(text, ReadOnlyMemory<float>.Empty);

    /// <inheritdoc/>
    public IntentPrediction Predict(string text, ReadOnlyMemory<float> vector)
    {
        ArgumentNullException.ThrowIfNull(text);
        var head = text.Length > MaxClassifiedChars ? text[..MaxClassifiedChars] : text;
        var input = IntentInput.From(head);
        if (input.Text.Length == 0)
        {
            return IntentPrediction.None;
        }

        if (_embed is not null)
        {
            vector = vector.IsEmpty ? _embed(head) : vector;
            if (vector.Length != _dimensions)
            {
                throw new ArgumentException($"the sentence vector has {vector.Length} dimensions, not {_dimensions}", nameof(vector));
            }

            input.Meaning = IntentInput.Scale(vector.Span, _meaningScale);
        }

        var engine = _engines.TryTake(out var pooled) ? pooled : _ml.Model.CreatePredictionEngine<IntentInput, IntentOutput>(_model, inputSchemaDefinition: _definition);
        try
        {
            var scores = engine.Predict(input).Scores;
            var ranked = new IntentScore[scores.Length];
            for (var i = 0; i < scores.Length; i++)
            {
                ranked[i] = new IntentScore(_labels[i], scores[i]);
            }

            Array.Sort(ranked, (a, b) => b.Probability.CompareTo(a.Probability));
            return new IntentPrediction(ranked);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    private static string Safe(string id) => string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));

    private static void TrySave(MLContext ml, ITransformer model, DataViewSchema schema, string path, ILogger logger)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + $".{Environment.ProcessId}.tmp";
            ml.Model.Save(model, schema, temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only disk costs a retrain on the next start, not a failed start.
            logger.LogWarning(ex, "Could not save the intent model to {ModelDirectory}", Path.GetDirectoryName(path));
        }
    }

    private static DataViewSchema InputSchema(MLContext ml, int meaningDimensions) =>
        ml.Data.LoadFromEnumerable(Array.Empty<IntentInput>(), IntentModelTrainer.InputDefinition(meaningDimensions)).Schema;

    /// <summary>The size of the sentence vector column the model reads; 0 for a words-only model.</summary>
    private static int MeaningDimensions(DataViewSchema inputSchema) =>
        inputSchema.GetColumnOrNull(IntentModelTrainer.MeaningColumn) is { Type: VectorDataViewType { Size: > 0 } vector } ? vector.Size : 0;

    private static string[] ReadLabels(ITransformer model, DataViewSchema inputSchema)
    {
        var output = model.GetOutputSchema(inputSchema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        output["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
