using System.Text.Json;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>Reads the labelled evaluation files under Evaluation/.</summary>
public static class HeldOutSet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<(string Text, string Intent)> Intents() =>
        JsonSerializer.Deserialize<IntentFile>(File.ReadAllText(RepoPaths.Evaluation("intent-heldout.json")), Json)!
            .Items.Select(i => (i.Text, i.Intent)).ToList();

    private sealed record IntentFile(IReadOnlyList<IntentItem> Items);

    private sealed record IntentItem(string Text, string Intent);
}
