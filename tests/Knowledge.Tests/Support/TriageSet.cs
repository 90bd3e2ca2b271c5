using System.Text.Json;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>A labelled triage evaluation file (Evaluation/triage-set.json, triage-holdout.json, blind-triage.json).</summary>
public static class TriageSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<Item> Load(string file) =>
        JsonSerializer.Deserialize<FileShape>(File.ReadAllText(RepoPaths.Evaluation(file)), Json)!.Items
            .Select((item, i) => item with { Number = i + 1 }).ToList();

    /// <summary>
    /// One split ("dev" or "test") of Evaluation/blind-triage.json, written blind from the policy (issue 10). Its
    /// items carry one category and a context family; here they take the shape of the older sets (the family as
    /// <see cref="Item.Rule"/>), numbered by their place in the file so that a miss can be named without its text.
    /// </summary>
    public static IReadOnlyList<Item> LoadBlind(string split, string file = BlindFile) =>
        JsonSerializer.Deserialize<BlindShape>(File.ReadAllText(RepoPaths.Evaluation(file)), Json)!.Items
            .Select((b, i) => new Item(b.Text, b.Tier, [b.Category], b.Context, string.Empty) { Number = i + 1, Split = b.Split })
            .Where(item => item.Split == split)
            .ToList();

    public const string BlindFile = "blind-triage.json";

    /// <summary>The second blind set (issue 10): the same shape, every item in the dev split.</summary>
    public const string SecondBlindFile = "blind-triage-dev2.json";

    public sealed record Item(string Text, string Tier, IReadOnlyList<string> Categories, string Rule, string Voice)
    {
        public TriageTier Expected => Enum.Parse<TriageTier>(Tier, ignoreCase: true);

        /// <summary>The item's place in its file, from 1.</summary>
        public int Number { get; init; }

        /// <summary>"dev" or "test" in the blind set; empty in the older ones.</summary>
        public string Split { get; init; } = string.Empty;
    }

    private sealed record FileShape(IReadOnlyList<Item> Items);

    private sealed record BlindShape(IReadOnlyList<BlindItem> Items);

    private sealed record BlindItem(string Text, string Tier, string Category, string Context, string Split);
}
