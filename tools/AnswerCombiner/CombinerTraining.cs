using System.Globalization;
using System.Text;
using System.Text.Json;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Knowledge.Understanding;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarrowBot.AnswerCombinerTool;

/// <summary>
/// Fits the answer combiner on the development questions with the bot's own understanding code (the responder's
/// <see cref="Responder.Read"/>), chooses its two thresholds by five-fold cross-validation on the same questions,
/// and writes data/answer-combiner.json with the cross-validated figures.
/// </summary>
public static class CombinerTraining
{
    private const int Folds = 5;

    /// <summary>Declining is preferred to guessing: the decline threshold maximises this weighted balance.</summary>
    private const double DeclineWeight = 1.0;

    /// <summary>An answer is given only where the cross-validated answers are at least this often right.</summary>
    private const double AnswerPrecision = 0.90;

    public static string Run(string dataDirectory, string modelDirectory, IReadOnlyList<string> sets)
    {
        var knowledge = KnowledgeLoader.Load(dataDirectory);
        var classifier = MlNetIntentClassifier.LoadOrTrain(knowledge, modelDirectory, NullLogger.Instance);
        var generator = LocalEncoders.Create(new EmbeddingOptions());
        var meaning = new MeaningIndex(knowledge, generator, modelDirectory);
        var options = new ResponderOptions();
        var safety = Options.Create(new SafetyOptions());
        var responder = new Responder(knowledge, classifier, new PassageIndex(knowledge.Passages), new SafetyReplies(TriageLexicon.Load(dataDirectory), safety), Options.Create(options), safety, meaning);

        var questions = sets.SelectMany(LoadDevelopment).ToList();
        var rows = new List<(double[] Features, bool OutOfScope, bool TopRight)>();
        foreach (var (text, kind, sections) in questions)
        {
            var (evidence, topFaq) = responder.Read(text)!.Value;
            var right = topFaq is not null && knowledge.FindFaq(topFaq)!.Sections.Any(sections.Contains);
            rows.Add((evidence.Features(), kind == "out-of-scope", right));
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"development questions: {rows.Count(r => !r.OutOfScope)} answerable, {rows.Count(r => r.OutOfScope)} out of scope (from {string.Join(", ", sets.Select(Path.GetFileName))})");

        // Cross-validated chances for every question, each predicted by models that never saw it.
        var outOfScopeChance = new double[rows.Count];
        var topRightChance = new double[rows.Count];
        var order = Enumerable.Range(0, rows.Count).OrderBy(i => Hash(questions[i].Text)).ToList();
        for (var fold = 0; fold < Folds; fold++)
        {
            var held = order.Where((_, k) => k % Folds == fold).ToHashSet();
            var train = Enumerable.Range(0, rows.Count).Where(i => !held.Contains(i)).ToList();
            var scope = LogisticModel.Fit(train.Select(i => rows[i].Features).ToList(), train.Select(i => rows[i].OutOfScope).ToList());
            var answerable = train.Where(i => !rows[i].OutOfScope).ToList();
            var right = LogisticModel.Fit(answerable.Select(i => rows[i].Features).ToList(), answerable.Select(i => rows[i].TopRight).ToList());
            foreach (var i in held)
            {
                outOfScopeChance[i] = new LogisticModel(scope.Weights, scope.Bias, 0.5).Probability(rows[i].Features);
                topRightChance[i] = new LogisticModel(right.Weights, right.Bias, 0.5).Probability(rows[i].Features);
            }
        }

        var thresholds = Enumerable.Range(1, 19).Select(k => k / 20.0).ToList();
        var declineAt = thresholds.MaxBy(t =>
        {
            var declined = Share(rows.Select((r, i) => (r, i)).Where(x => x.r.OutOfScope), x => outOfScopeChance[x.i] >= t);
            var kept = Share(rows.Select((r, i) => (r, i)).Where(x => !x.r.OutOfScope), x => outOfScopeChance[x.i] < t);
            return (DeclineWeight * declined) + kept;
        });
        var kept = rows.Select((r, i) => (r, i)).Where(x => !x.r.OutOfScope && outOfScopeChance[x.i] < declineAt).ToList();
        var answerAt = thresholds.FirstOrDefault(t => Share(kept.Where(x => topRightChance[x.i] >= t), x => x.r.TopRight) >= AnswerPrecision, 0.95);

        var measured = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["answerable"] = rows.Count(r => !r.OutOfScope),
            ["outOfScope"] = rows.Count(r => r.OutOfScope),
            ["cvOutOfScopeDeclined"] = Share(rows.Select((r, i) => (r, i)).Where(x => x.r.OutOfScope), x => outOfScopeChance[x.i] >= declineAt),
            ["cvAnswerableKept"] = Share(rows.Select((r, i) => (r, i)).Where(x => !x.r.OutOfScope), x => outOfScopeChance[x.i] < declineAt),
            ["cvAnsweredShare"] = Share(kept, x => topRightChance[x.i] >= answerAt),
            ["cvAnsweredRight"] = Share(kept.Where(x => topRightChance[x.i] >= answerAt), x => x.r.TopRight),
            ["topEntryRight"] = Share(rows.Where(r => !r.OutOfScope), r => r.TopRight),
        };
        foreach (var (name, value) in measured)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {value:0.###}");
        }

        var all = Enumerable.Range(0, rows.Count).ToList();
        var finalScope = LogisticModel.Fit(all.Select(i => rows[i].Features).ToList(), all.Select(i => rows[i].OutOfScope).ToList());
        var answerableAll = all.Where(i => !rows[i].OutOfScope).ToList();
        var finalRight = LogisticModel.Fit(answerableAll.Select(i => rows[i].Features).ToList(), answerableAll.Select(i => rows[i].TopRight).ToList());
        var combiner = new AnswerCombiner(
            meaning.ModelId,
            options.ClassifierWeight,
            options.MeaningTemperature,
            new LogisticModel(Round(finalScope.Weights), Math.Round(finalScope.Bias, 4), declineAt),
            new LogisticModel(Round(finalRight.Weights), Math.Round(finalRight.Bias, 4), answerAt));
        combiner.Save(
            dataDirectory,
            "The answer combiner (ADR 0021), written by scripts/train-answer-combiner.sh: logistic models over the evidence named in features, fitted on the development split of the blind question sets only; thresholds chosen by five-fold cross-validation on the same questions (measured: those cross-validated figures). Do not edit by hand.",
            measured);
        report.AppendLine(CultureInfo.InvariantCulture, $"decline at {declineAt:0.00}, answer at {answerAt:0.00}; written {Path.Combine(dataDirectory, AnswerCombiner.FileName)}");
        return report.ToString();
    }

    private static IEnumerable<(string Text, string Kind, IReadOnlySet<string> Sections)> LoadDevelopment(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            var kind = item.GetProperty("kind").GetString()!;
            var split = item.TryGetProperty("split", out var s) ? s.GetString() : "dev";
            if (split != "dev" || kind is not ("answerable" or "out-of-scope"))
            {
                continue; // the test split is never read for training
            }

            yield return (item.GetProperty("text").GetString()!, kind, item.GetProperty("sections").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal));
        }
    }

    private static double Share<T>(IEnumerable<T> items, Func<T, bool> predicate)
    {
        var list = items.ToList();
        return list.Count == 0 ? 0 : list.Count(predicate) / (double)list.Count;
    }

    private static double[] Round(IReadOnlyList<double> weights) => weights.Select(w => Math.Round(w, 4)).ToArray();

    private static int Hash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));
}
