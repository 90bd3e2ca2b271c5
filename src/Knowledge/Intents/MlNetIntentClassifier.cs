using System.Collections.Concurrent;
using MarrowBot.Knowledge.Content;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MarrowBot.Knowledge.Intents;

/// <summary>
/// The ML.NET intent classifier. The trained model is saved under the model directory with the content hash in its
/// name and reused on the next start while faq.json and smalltalk.json are unchanged. ML.NET's PredictionEngine is
/// not thread-safe, so each call rents one from a small pool instead of sharing a single engine.
/// </summary>
public sealed class MlNetIntentClassifier : IIntentClassifier
{
    /// <summary>Only the head of a very long message is classified: intent is stated early, and cost stays bounded.</summary>
    public const int MaxClassifiedChars = 1000;

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly string[] _labels;
    private readonly ConcurrentBag<PredictionEngine<IntentInput, IntentOutput>> _engines = [];

    private MlNetIntentClassifier(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        _ml = ml;
        _model = model;
        _labels = ReadLabels(model, schema);
    }

    /// <summary>How the model was obtained on this start: trained now, or loaded from a saved file.</summary>
    public bool LoadedFromCache { get; private init; }

    public static MlNetIntentClassifier Train(IReadOnlyList<TrainingExample> examples)
    {
        var ml = new MLContext(IntentModelTrainer.Seed);
        var model = IntentModelTrainer.Train(ml, examples);
        return new MlNetIntentClassifier(ml, model, InputSchema(ml));
    }

    /// <summary>Loads the saved model for this content, or trains and saves one.</summary>
    public static MlNetIntentClassifier LoadOrTrain(KnowledgeBase knowledge, string modelDirectory, ILogger logger)
    {
        var ml = new MLContext(IntentModelTrainer.Seed);
        var path = ModelPath(knowledge, modelDirectory);
        if (File.Exists(path))
        {
            try
            {
                var loaded = ml.Model.Load(path, out var schema);
                logger.LogInformation("Loaded intent model {ModelFile}", Path.GetFileName(path));
                return new MlNetIntentClassifier(ml, loaded, schema) { LoadedFromCache = true };
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException or IOException)
            {
                logger.LogWarning(ex, "Saved intent model {ModelFile} is unreadable; retraining", Path.GetFileName(path));
            }
        }

        var model = IntentModelTrainer.Train(ml, TrainingExample.From(knowledge));
        var inputSchema = InputSchema(ml);
        TrySave(ml, model, inputSchema, path, logger);
        logger.LogInformation("Trained intent model {ModelFile}", Path.GetFileName(path));
        return new MlNetIntentClassifier(ml, model, inputSchema);
    }

    public static string ModelPath(KnowledgeBase knowledge, string modelDirectory) =>
        Path.Combine(modelDirectory, $"intent-{IntentModelTrainer.PipelineVersion}-{knowledge.ContentHash[..16]}.zip");

    /// <inheritdoc/>
    public IntentPrediction Predict(string text)
    {
        var input = IntentInput.From(text.Length > MaxClassifiedChars ? text[..MaxClassifiedChars] : text);
        if (input.Text.Length == 0)
        {
            return IntentPrediction.None;
        }

        var engine = _engines.TryTake(out var pooled) ? pooled : _ml.Model.CreatePredictionEngine<IntentInput, IntentOutput>(_model);
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

    private static DataViewSchema InputSchema(MLContext ml) =>
        ml.Data.LoadFromEnumerable(Array.Empty<IntentInput>()).Schema;

    private static string[] ReadLabels(ITransformer model, DataViewSchema inputSchema)
    {
        var output = model.GetOutputSchema(inputSchema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        output["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
