using MarrowBot.Knowledge.Intents;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>Per-intent precision, recall and F1, and a confusion list, for a labelled set.</summary>
public sealed class IntentEvaluation
{
    private readonly List<(string Expected, string Predicted)> _pairs = [];

    public static IntentEvaluation Run(IIntentClassifier classifier, IEnumerable<(string Text, string Intent)> items)
    {
        var evaluation = new IntentEvaluation();
        foreach (var (text, intent) in items)
        {
            evaluation._pairs.Add((intent, classifier.Predict(text).Top?.Intent ?? "(none)"));
        }

        return evaluation;
    }

    public int Count => _pairs.Count;

    public double Accuracy => _pairs.Count(p => p.Expected == p.Predicted) / (double)_pairs.Count;

    public IReadOnlyList<(string Intent, double Precision, double Recall, double F1, int Support)> PerIntent =>
        _pairs.Select(p => p.Expected).Distinct().Order(StringComparer.Ordinal).Select(intent =>
        {
            var tp = _pairs.Count(p => p.Expected == intent && p.Predicted == intent);
            var predicted = _pairs.Count(p => p.Predicted == intent);
            var actual = _pairs.Count(p => p.Expected == intent);
            var precision = predicted == 0 ? 0 : tp / (double)predicted;
            var recall = actual == 0 ? 0 : tp / (double)actual;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return (intent, precision, recall, f1, actual);
        }).ToList();

    public double MacroF1 => PerIntent.Average(p => p.F1);

    public IReadOnlyList<(string Expected, string Predicted, int Count)> Confusions =>
        _pairs.Where(p => p.Expected != p.Predicted)
            .GroupBy(p => p)
            .Select(g => (g.Key.Expected, g.Key.Predicted, g.Count()))
            .OrderByDescending(c => c.Item3)
            .ToList();

    public string Report()
    {
        var lines = new List<string> { $"{"intent",-24} {"prec",5} {"rec",5} {"f1",5} {"n",3}" };
        lines.AddRange(PerIntent.Select(p => $"{p.Intent,-24} {p.Precision,5:0.00} {p.Recall,5:0.00} {p.F1,5:0.00} {p.Support,3}"));
        lines.Add($"accuracy {Accuracy:P1} on {Count}; macro F1 {MacroF1:0.000}");
        lines.Add("confusions (expected -> predicted x count):");
        lines.AddRange(Confusions.Select(c => $"  {c.Expected} -> {c.Predicted} x{c.Count}"));
        return string.Join(Environment.NewLine, lines);
    }
}
