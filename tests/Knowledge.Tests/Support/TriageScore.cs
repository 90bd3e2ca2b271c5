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

    /// <summary>Share of messages labelled none that got urgent or emergency (the narrower reading of over-triage).</summary>
    public double NoneRaisedToUrgent
    {
        get
        {
            var none = _rows.Where(r => r.Item.Expected == TriageTier.None).ToList();
            return none.Count(r => r.Result.Tier >= TriageTier.Urgent) / (double)none.Count;
        }
    }

    public double ExactTierAccuracy => _rows.Count(r => r.Result.Tier == r.Item.Expected) / (double)_rows.Count;

    public IReadOnlyList<(TriageSet.Item Item, TriageResult Result)> Rows => _rows;

    /// <summary>
    /// What a second engine changed against a first on the same items: recall gained, over-triage added, how many
    /// messages it raised, and how many it lowered (which the second opinion by meaning must never do).
    /// </summary>
    public static string Compare(string title, TriageScore rules, TriageScore both, bool showTexts)
    {
        var sb = new StringBuilder();
        var raised = rules._rows.Zip(both._rows).Where(p => p.Second.Result.Tier > p.First.Result.Tier).ToList();
        var lowered = rules._rows.Zip(both._rows).Count(p => p.Second.Result.Tier < p.First.Result.Tier);
        sb.AppendLine($"== {title}: {rules.Count} messages, rules alone -> rules + meaning");
        sb.AppendLine($"  emergency recall        {rules.EmergencyRecall,7:P1} -> {both.EmergencyRecall,7:P1} ({both.EmergencyRecall - rules.EmergencyRecall:+0.0%;-0.0%;+0.0%})");
        sb.AppendLine($"  urgent-or-worse recall  {rules.UrgentOrWorseRecall,7:P1} -> {both.UrgentOrWorseRecall,7:P1} ({both.UrgentOrWorseRecall - rules.UrgentOrWorseRecall:+0.0%;-0.0%;+0.0%})");
        sb.AppendLine($"  over-triage none/routine {rules.OverTriage,6:P1} -> {both.OverTriage,7:P1} ({both.OverTriage - rules.OverTriage:+0.0%;-0.0%;+0.0%})");
        sb.AppendLine($"  none raised to urgent+  {rules.NoneRaisedToUrgent,7:P1} -> {both.NoneRaisedToUrgent,7:P1} ({both.NoneRaisedToUrgent - rules.NoneRaisedToUrgent:+0.0%;-0.0%;+0.0%})");
        sb.AppendLine($"  raised {raised.Count} messages ({raised.Count(p => p.Second.Result.Tier <= p.First.Item.Expected)} to or towards their label, {raised.Count(p => p.Second.Result.Tier > p.First.Item.Expected)} above it); lowered {lowered}");
        foreach (var (r, b) in raised)
        {
            var evidence = b.Result.Evidence.Where(e => e.Rule.StartsWith(MeaningTriageEngine.RulePrefix, StringComparison.Ordinal)).MaxBy(e => e.Tier);
            var what = $"#{r.Item.Number} expected {r.Item.Expected} rules {r.Result.Tier} -> {b.Result.Tier} by {evidence?.Rule} {evidence?.Similarity:0.00} [{string.Join(",", r.Item.Categories)}/{r.Item.Rule}]";
            sb.AppendLine(showTexts ? $"    {what} <{evidence?.Exemplar}> {r.Item.Text}" : $"    {what}");
        }

        return sb.ToString();
    }

    public IEnumerable<(TriageSet.Item Item, TriageResult Result)> Misses(TriageTier atLeast) =>
        _rows.Where(r => r.Item.Expected >= atLeast && r.Result.Tier < atLeast);

    public IEnumerable<(TriageSet.Item Item, TriageResult Result)> OverTriaged =>
        _rows.Where(r => r.Item.Expected <= TriageTier.Routine && r.Result.Tier > r.Item.Expected);

    public string Report(string title, bool showTexts)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"== {title}: {Count} messages");
        sb.AppendLine($"emergency recall {EmergencyRecall:P1}; urgent-or-worse recall {UrgentOrWorseRecall:P1}; over-triage on none/routine {OverTriage:P1} (none raised to urgent or emergency {NoneRaisedToUrgent:P1}); exact tier {ExactTierAccuracy:P1}");
        sb.AppendLine("per tier (labelled with it: reached at least it / exactly it):");
        foreach (var tier in Enum.GetValues<TriageTier>().Reverse())
        {
            var labelled = _rows.Where(r => r.Item.Expected == tier).ToList();
            if (labelled.Count > 0)
            {
                sb.AppendLine($"  {tier,-10} n={labelled.Count,3} at least {labelled.Count(r => r.Result.Tier >= tier) / (double)labelled.Count,6:P1} exactly {labelled.Count(r => r.Result.Tier == tier) / (double)labelled.Count,6:P1}");
            }
        }

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

        sb.AppendLine("per context rule (tier exactly right; tier reached or exceeded; none/routine raised above the label):");
        foreach (var rule in _rows.Select(r => r.Item.Rule).Distinct().Order())
        {
            var labelled = _rows.Where(r => r.Item.Rule == rule).ToList();
            var benign = labelled.Count(r => r.Item.Expected <= TriageTier.Routine);
            sb.AppendLine($"  {rule,-24} n={labelled.Count,3} {labelled.Count(r => r.Result.Tier == r.Item.Expected) / (double)labelled.Count,6:P0} {labelled.Count(r => r.Result.Tier >= r.Item.Expected) / (double)labelled.Count,6:P0} over {labelled.Count(r => r.Item.Expected <= TriageTier.Routine && r.Result.Tier > r.Item.Expected)}/{benign}");
        }

        if (showTexts)
        {
            foreach (var (item, result) in _rows.Where(r => r.Result.Tier != r.Item.Expected))
            {
                sb.AppendLine($"  expected {item.Expected} got {result.Tier} [{string.Join(",", result.Categories)}] <{item.Rule}> {item.Text}");
            }
        }
        else
        {
            // A set that is never tuned on names its misses by number only, so that they can be looked up by whoever
            // decides, without their wording reaching whoever tunes.
            foreach (var (item, result) in _rows.Where(r => r.Result.Tier < r.Item.Expected && r.Item.Expected >= TriageTier.Urgent))
            {
                sb.AppendLine($"  missed #{item.Number}: expected {item.Expected} got {result.Tier} [{string.Join(",", item.Categories)}/{item.Rule}]");
            }

            foreach (var (item, result) in OverTriaged)
            {
                sb.AppendLine($"  over-triaged #{item.Number}: expected {item.Expected} got {result.Tier} [{string.Join(",", item.Categories)}/{item.Rule}] by {string.Join(",", result.Evidence.Select(e => e.Rule).Distinct())}");
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
