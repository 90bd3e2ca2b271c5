using System.Text;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>Safety metrics for a labelled triage set: recall where missing matters, over-triage where caution costs.</summary>
public sealed class TriageScore
{
    private readonly List<(TriageSet.Item Item, TriageResult Result)> _rows = [];

    public static TriageScore Run(Func<string, TriageResult> assess, IEnumerable<TriageSet.Item> items)
    {
        var score = new TriageScore();
        foreach (var item in items)
        {
            score._rows.Add((item, assess(item.Text)));
        }

        return score;
    }

    public int Count => _rows.Count;

    public double EmergencyRecall => Recall(TriageTier.Emergency);

    public double UrgentOrWorseRecall => Recall(TriageTier.Urgent);

    /// <summary>Share of messages labelled none or routine that got a higher tier than their label.</summary>
    public double OverTriage
    {
        get
        {
            var benign = _rows.Where(r => r.Item.Expected <= TriageTier.Routine).ToList();
            return benign.Count(r => r.Result.Tier > r.Item.Expected) / (double)benign.Count;
        }
    }

    public double ExactTierAccuracy => _rows.Count(r => r.Result.Tier == r.Item.Expected) / (double)_rows.Count;

    public IEnumerable<(TriageSet.Item Item, TriageResult Result)> Misses(TriageTier atLeast) =>
        _rows.Where(r => r.Item.Expected >= atLeast && r.Result.Tier < atLeast);

    public IEnumerable<(TriageSet.Item Item, TriageResult Result)> OverTriaged =>
        _rows.Where(r => r.Item.Expected <= TriageTier.Routine && r.Result.Tier > r.Item.Expected);

    public string Report(string title, bool showTexts)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"== {title}: {Count} messages");
        sb.AppendLine($"emergency recall {EmergencyRecall:P1}; urgent-or-worse recall {UrgentOrWorseRecall:P1}; over-triage on none/routine {OverTriage:P1}; exact tier {ExactTierAccuracy:P1}");
        var tiers = Enum.GetValues<TriageTier>();
        sb.AppendLine("confusion (rows = expected, columns = predicted): " + string.Join(" ", tiers.Select(t => $"{t,9}")));
        foreach (var expected in tiers)
        {
            sb.AppendLine($"{expected,-10}" + string.Join(" ", tiers.Select(p => $"{_rows.Count(r => r.Item.Expected == expected && r.Result.Tier == p),9}")));
        }

        sb.AppendLine("per category (items labelled with it: tier reached or exceeded / category found):");
        foreach (var category in _rows.SelectMany(r => r.Item.Categories).Distinct().Order())
        {
            var labelled = _rows.Where(r => r.Item.Categories.Contains(category)).ToList();
            sb.AppendLine($"  {category,-20} n={labelled.Count,3} tier ok {labelled.Count(r => r.Result.Tier >= r.Item.Expected) / (double)labelled.Count,6:P0} category found {labelled.Count(r => r.Result.Categories.Contains(category)) / (double)labelled.Count,6:P0}");
        }

        sb.AppendLine("per context rule (tier exactly right):");
        foreach (var rule in _rows.Select(r => r.Item.Rule).Distinct().Order())
        {
            var labelled = _rows.Where(r => r.Item.Rule == rule).ToList();
            sb.AppendLine($"  {rule,-24} n={labelled.Count,3} {labelled.Count(r => r.Result.Tier == r.Item.Expected) / (double)labelled.Count,6:P0}");
        }

        if (showTexts)
        {
            foreach (var (item, result) in _rows.Where(r => r.Result.Tier != r.Item.Expected))
            {
                sb.AppendLine($"  expected {item.Expected} got {result.Tier} [{string.Join(",", result.Categories)}] <{item.Rule}> {item.Text}");
            }
        }

        return sb.ToString();
    }

    private double Recall(TriageTier atLeast)
    {
        var relevant = _rows.Where(r => r.Item.Expected >= atLeast).ToList();
        return relevant.Count(r => r.Result.Tier >= atLeast) / (double)relevant.Count;
    }
}
