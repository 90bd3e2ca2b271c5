using System.Text.Json;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>A labelled triage evaluation file (Evaluation/triage-set.json or triage-holdout.json).</summary>
public static class TriageSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<Item> Load(string file) =>
        JsonSerializer.Deserialize<FileShape>(File.ReadAllText(RepoPaths.Evaluation(file)), Json)!.Items;

    public sealed record Item(string Text, string Tier, IReadOnlyList<string> Categories, string Rule, string Voice)
    {
        public TriageTier Expected => Enum.Parse<TriageTier>(Tier, ignoreCase: true);
    }

    private sealed record FileShape(IReadOnlyList<Item> Items);
}
