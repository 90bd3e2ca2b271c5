using System.Text.Json;
using MarrowBot.Knowledge.Content;

namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// The compiled contents of data/triage-exemplars.json: the policy's red flags in everyday words, each with a tier
/// and a lexicon category, and per embedding model the similarity a clause needs to reach each tier
/// (docs/decisions/0018-triage-second-opinion-by-meaning.md).
/// </summary>
public sealed class TriageExemplars
{
    public const string FileName = "triage-exemplars.json";

    /// <summary>The category of a benign contrast: something the policy says is not a finding, worded like one.</summary>
    public const string BenignCategory = "benign";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    private readonly IReadOnlyDictionary<string, TriageThresholds> _thresholds;

    private TriageExemplars(IReadOnlyList<TriageExemplar> phrasings, IReadOnlyDictionary<string, TriageThresholds> thresholds)
    {
        Phrasings = phrasings;
        _thresholds = thresholds;
    }

    /// <summary>Every phrasing of every red flag and benign contrast (tier None), flattened.</summary>
    public IReadOnlyList<TriageExemplar> Phrasings { get; }

    /// <summary>The thresholds chosen for <paramref name="modelId"/>, or null when none were chosen for that model.</summary>
    public TriageThresholds? ThresholdsFor(string modelId) => _thresholds.GetValueOrDefault(modelId);

    /// <summary>Loads and checks the file; a red flag with an unknown category or tier names itself in the error.</summary>
    public static TriageExemplars Load(string dataDirectory, TriageLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new KnowledgeDataException(path, "(file)", "the file does not exist");
        }

        Document document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllBytes(path), Json) ?? throw new KnowledgeDataException(FileName, "(file)", "the file is empty");
        }
        catch (JsonException ex)
        {
            throw new KnowledgeDataException(FileName, $"(line {ex.LineNumber + 1})", $"malformed JSON: {ex.Message}");
        }

        var phrasings = new List<TriageExemplar>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flag in document.RedFlags ?? throw new KnowledgeDataException(FileName, "redFlags", "missing"))
        {
            var id = flag.Id ?? "(no id)";
            Require(ids.Add(id), id, "duplicate red flag id");
            Require(flag.Category is not null && lexicon.Why.ContainsKey(flag.Category), id, $"unknown category '{flag.Category}' (use one of data/{TriageLexicon.FileName})");
            Require(Enum.TryParse<TriageTier>(flag.Tier, ignoreCase: true, out var tier) && tier != TriageTier.None, id, $"unknown tier '{flag.Tier}'");
            Require(flag.Phrasings is { Count: > 0 }, id, "no phrasings");
            var number = 0;
            foreach (var phrasing in flag.Phrasings!)
            {
                Require(!string.IsNullOrWhiteSpace(phrasing), id, "an empty phrasing");
                phrasings.Add(new TriageExemplar(id, tier, flag.Category!, phrasing.Trim()) { Number = ++number });
            }
        }

        foreach (var contrast in document.Benign ?? [])
        {
            var id = contrast.Id ?? "(no id)";
            Require(ids.Add(id), id, "duplicate id");
            Require(contrast.Phrasings is { Count: > 0 }, id, "no phrasings");
            var number = 0;
            foreach (var phrasing in contrast.Phrasings!)
            {
                Require(!string.IsNullOrWhiteSpace(phrasing), id, "an empty phrasing");
                phrasings.Add(new TriageExemplar(id, TriageTier.None, BenignCategory, phrasing.Trim()) { Number = ++number });
            }
        }

        var thresholds = new Dictionary<string, TriageThresholds>(StringComparer.Ordinal);
        foreach (var (model, set) in document.Thresholds ?? throw new KnowledgeDataException(FileName, "thresholds", "missing"))
        {
            Require(set.Emergency is > 0 and <= 1 && set.Urgent is > 0 and <= 1 && set.Routine is > 0 and <= 1, $"thresholds.{model}", "emergency, urgent and routine must each be a similarity above 0 and at most 1");
            thresholds[model] = new TriageThresholds(set.Emergency!.Value, set.Urgent!.Value, set.Routine!.Value);
        }

        return new TriageExemplars(phrasings, thresholds);
    }

    private static void Require(bool condition, string entry, string fault)
    {
        if (!condition)
        {
            throw new KnowledgeDataException(FileName, entry, fault);
        }
    }

    private sealed record Document(List<RedFlagDto>? RedFlags, List<BenignDto>? Benign, Dictionary<string, ThresholdsDto>? Thresholds);

    private sealed record BenignDto(string? Id, List<string>? Phrasings);

    private sealed record RedFlagDto(string? Id, string? Tier, string? Category, List<string>? Phrasings);

    private sealed record ThresholdsDto(float? Emergency, float? Urgent, float? Routine);
}

/// <summary>One phrasing of a red flag: the flag's id, tier and lexicon category, and the words.</summary>
public sealed record TriageExemplar(string Id, TriageTier Tier, string Category, string Text)
{
    /// <summary>The phrasing's place in its red flag's list in the file, from 1.</summary>
    public int Number { get; init; }

    /// <summary>The red flag id and <see cref="Number"/> ("chest-pain#3"): names the phrasing without its words.</summary>
    public string Key => $"{Id}#{Number}";
}

/// <summary>
/// The similarity a clause needs with an exemplar of each tier to raise the message to that tier. A match with an
/// emergency exemplar that reaches only the urgent threshold raises to urgent (when unsure, the higher tier).
/// </summary>
public sealed record TriageThresholds(float Emergency, float Urgent, float Routine)
{
    public float For(TriageTier tier) => tier switch
    {
        TriageTier.Emergency => Emergency,
        TriageTier.Urgent => Urgent,
        TriageTier.Routine => Routine,
        _ => float.PositiveInfinity,
    };
}
