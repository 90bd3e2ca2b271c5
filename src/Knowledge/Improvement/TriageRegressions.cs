using System.Text.Json;
using System.Text.Json.Serialization;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// The committed triage regression cases (data/triage-regressions.json, ADR 0029): messages triage once missed or
/// must never miss, each with the least tier it must get. The test suite runs every case through the real triage
/// engine; the retrain gate runs them and the overlay's cases too.
/// </summary>
public static class TriageRegressions
{
    public const string FileName = "triage-regressions.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>The cases in <paramref name="path"/>; none when the file is not there.</summary>
    public static IReadOnlyList<RegressionCase> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var document = JsonSerializer.Deserialize<Document>(File.ReadAllBytes(path), Json);
        return document?.Cases ?? [];
    }

    /// <summary>
    /// Appends the cases whose id is not in the file yet, keeping its description; writes atomically. Returns how
    /// many were added.
    /// </summary>
    public static int Append(string path, IEnumerable<RegressionCase> cases)
    {
        var document = File.Exists(path) ? JsonSerializer.Deserialize<Document>(File.ReadAllBytes(path), Json) ?? new Document(null, []) : new Document(null, []);
        var existing = document.Cases.ToList();
        var ids = existing.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var added = cases.Where(c => ids.Add(c.Id)).ToList();
        if (added.Count == 0)
        {
            return 0;
        }

        var temporary = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(document with { Cases = [.. existing, .. added] }, Json));
        File.Move(temporary, path, overwrite: true);
        return added.Count;
    }

    private sealed record Document(string? Description, IReadOnlyList<RegressionCase> Cases);
}

/// <param name="Id">The case's name, given in a failing test.</param>
/// <param name="Tier">The least tier triage must give <paramref name="Text"/>.</param>
/// <param name="Note">Why the case is there (its source in the policy, or the label it came from).</param>
public sealed record RegressionCase(string Id, string Text, TriageTier Tier, string? Note = null);
