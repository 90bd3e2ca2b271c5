using System.Text.Json;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// The development held-out sets the retrain gate scores on (ADR 0029): the blind questions' second and third
/// development sets, and the triage development sets. Only items marked as the dev split are read, and only these
/// files: the blind test split (the files without "-dev") is never used for a gate or for tuning.
/// </summary>
public sealed record HeldOutSets(IReadOnlyList<HeldOutQuestion> Questions, IReadOnlyList<HeldOutTriage> Triage)
{
    public static IReadOnlyList<string> QuestionFiles { get; } = ["blind-questions-dev2.json", "blind-questions-dev3.json"];

    public static IReadOnlyList<string> TriageFiles { get; } = ["blind-triage-dev2.json", "triage-dev2.json", "triage-dev3.json"];

    public static HeldOutSets Empty { get; } = new([], []);

    /// <summary>The sets in <paramref name="directory"/>; a file that is not there is left out (the figures then say n=0).</summary>
    public static HeldOutSets Load(string directory)
    {
        var questions = new List<HeldOutQuestion>();
        foreach (var file in QuestionFiles)
        {
            foreach (var item in Items(directory, file))
            {
                questions.Add(new HeldOutQuestion(
                    item.GetProperty("text").GetString()!,
                    item.GetProperty("kind").GetString()!,
                    item.TryGetProperty("sections", out var sections) ? sections.EnumerateArray().Select(s => s.GetString()!).ToHashSet(StringComparer.Ordinal) : new HashSet<string>()));
            }
        }

        var triage = new List<HeldOutTriage>();
        foreach (var file in TriageFiles)
        {
            foreach (var item in Items(directory, file))
            {
                triage.Add(new HeldOutTriage(item.GetProperty("text").GetString()!, Enum.Parse<TriageTier>(item.GetProperty("tier").GetString()!, ignoreCase: true)));
            }
        }

        return new HeldOutSets(questions, triage);
    }

    private static IEnumerable<JsonElement> Items(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("items").EnumerateArray()
            .Where(e => !e.TryGetProperty("split", out var split) || split.GetString() == "dev")
            .Select(e => e.Clone())
            .ToList();
    }
}

/// <param name="Kind">answerable, out-of-scope, smalltalk, handoff or bot-identity.</param>
/// <param name="Sections">For an answerable question, the sections whose text answers it.</param>
public sealed record HeldOutQuestion(string Text, string Kind, IReadOnlySet<string> Sections);

public sealed record HeldOutTriage(string Text, TriageTier Tier);
