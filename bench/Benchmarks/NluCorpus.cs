using System.Text.Json;
using MarrowBot.Knowledge.Intents;

namespace MarrowBot.Benchmarks;

/// <summary>
/// One corpus of the NLU evaluation corpora (Braun et al., SIGdial 2017): <c>{ "name", "sentences": [{ "text",
/// "intent", "training" }] }</c>. The split is the corpus's own: <c>training: true</c> trains, the rest tests.
/// </summary>
public sealed record NluCorpus(string Name, string File, IReadOnlyList<TrainingExample> Training, IReadOnlyList<TrainingExample> Test)
{
    public static NluCorpus Load(string file)
    {
        using var stream = System.IO.File.OpenRead(file);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var name = root.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 } named ? named : Path.GetFileNameWithoutExtension(file);
        var training = new List<TrainingExample>();
        var test = new List<TrainingExample>();
        foreach (var sentence in root.GetProperty("sentences").EnumerateArray())
        {
            var example = new TrainingExample(sentence.GetProperty("text").GetString() ?? string.Empty, sentence.GetProperty("intent").GetString() ?? string.Empty);
            (sentence.GetProperty("training").GetBoolean() ? training : test).Add(example);
        }

        return new NluCorpus(name, Path.GetFullPath(file), training, test);
    }

    /// <summary>Every corpus file in <paramref name="folder"/> (the *.json files with a "sentences" array), by name.</summary>
    public static IReadOnlyList<NluCorpus> LoadFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Load).ToList();
}
