using System.Text.Json;
using MarrowBot.Knowledge.Content;

namespace MarrowBot.Knowledge.Triage;

/// <summary>The compiled contents of data/triage-rules.json: rules, context cues, category explanations.</summary>
public sealed class TriageLexicon
{
    public const string FileName = "triage-rules.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public required IReadOnlyDictionary<string, string> Spelling { get; init; }

    public required IReadOnlyList<TriageRule> Rules { get; init; }

    public required IReadOnlyList<TriageCombination> Combinations { get; init; }

    public required IReadOnlyDictionary<string, string> Why { get; init; }

    public required Cues Cue { get; init; }

    /// <summary>Vital signs people quote ("sats 85%", "BP 85/50", "GCS 8") and the values that set a tier.</summary>
    public required IReadOnlyList<VitalSign> Vitals { get; init; }

    public required int BleedingPressureMinutes { get; init; }

    /// <summary>Bleeding that has gone on this long is an emergency whatever else is said.</summary>
    public required int BleedingLongMinutes { get; init; }

    public static TriageLexicon Load(string dataDirectory)
    {
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

        return FromDocument(document);
    }

    private static TriageLexicon FromDocument(Document d)
    {
        var categories = d.Categories ?? throw new KnowledgeDataException(FileName, "categories", "missing");
        var rules = new List<TriageRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in d.Rules ?? throw new KnowledgeDataException(FileName, "rules", "missing"))
        {
            var id = rule.Id ?? "(no id)";
            Require(ids.Add(id), id, "duplicate rule id");
            Require(rule.Category is not null && categories.ContainsKey(rule.Category), id, $"unknown category '{rule.Category}'");
            Require(Enum.TryParse<TriageTier>(rule.Tier, ignoreCase: true, out var tier) && tier != TriageTier.None, id, $"unknown tier '{rule.Tier}'");
            Require(rule.Patterns is { Count: > 0 }, id, "no patterns");
            rules.Add(new TriageRule(id, rule.Category!, tier, Compile(rule.Patterns!, id), Compile(rule.Unless ?? [], id), Compile(rule.Requires ?? [], id), rule.FollowUp)
            {
                UnlessAnywhere = Compile(rule.UnlessAnywhere ?? [], id),
            });
        }

        var vitals = (d.Vitals ?? []).Select(v =>
        {
            Require(v.Id is not null && v.Words is { Count: > 0 } && v.Category is not null && categories.ContainsKey(v.Category), v.Id ?? "(vital)", "a vital sign needs an id, words and a known category");
            Require(Enum.TryParse<TriageTier>(v.Tier, ignoreCase: true, out var tier), v.Id!, $"unknown tier '{v.Tier}'");
            Require(ids.Add(v.Id!), v.Id!, "duplicate id");
            return new VitalSign(v.Id!, v.Words!.Select(w => w.Split(' ')).ToList(), v.Below, v.Above, v.Min ?? 0, tier, v.Category!);
        }).ToList();

        var combinations = (d.Combinations ?? []).Select(c =>
        {
            Require(c.All is { Count: >= 2 } && c.All.All(a => categories.ContainsKey(a) || ids.Contains(a)), c.Id ?? "(combination)", "a combination needs two or more known categories or rule ids");
            Require(Enum.TryParse<TriageTier>(c.Tier, ignoreCase: true, out var tier), c.Id ?? "(combination)", $"unknown tier '{c.Tier}'");
            return new TriageCombination(c.Id ?? "combination", c.All!, tier, c.Category);
        }).ToList();

        var cues = d.Cues ?? throw new KnowledgeDataException(FileName, "cues", "missing");
        IReadOnlyList<PhrasePattern> Cue(string name) => Compile(cues.GetValueOrDefault(name) ?? throw new KnowledgeDataException(FileName, $"cues.{name}", "missing"), $"cues.{name}");
        IReadOnlySet<string> Words(string name) => (cues.GetValueOrDefault(name) ?? []).ToHashSet(StringComparer.Ordinal);

        return new TriageLexicon
        {
            Spelling = d.Spelling ?? new Dictionary<string, string>(),
            Rules = rules,
            Combinations = combinations,
            Why = categories.ToDictionary(c => c.Key, c => c.Value.Why ?? string.Empty),
            BleedingPressureMinutes = d.BleedingPressure?.Minutes ?? 15,
            BleedingLongMinutes = d.BleedingLong?.Minutes ?? 60,
            Vitals = vitals,
            Cue = new Cues
            {
                Negation = Cue("negation"),
                PseudoNegation = Cue("pseudoNegation"),
                PostNegation = Cue("postNegation"),
                Hypothetical = Cue("hypothetical"),
                QuestionStart = Words("questionStart"),
                Ownership = Words("ownership"),
                Demonstrative = Cue("demonstrative"),
                Current = Cue("current"),
                Past = Cue("past"),
                Recurrence = Cue("recurrence"),
                Resolved = Cue("resolved"),
                Idioms = Cue("idioms"),
                TemperatureContext = Words("temperatureContext"),
                NotTemperature = Words("notTemperature"),
                Pressure = Cue("pressure"),
                Slowing = Cue("slowing"),
                NotBodyTemperature = Cue("notBodyTemperature"),
                ResolvedMessage = Cue("resolvedMessage"),
                PastTense = Words("pastTense"),
                MessageHypothetical = Cue("messageHypothetical"),
            },
        };
    }

    private static List<PhrasePattern> Compile(IEnumerable<string> patterns, string entry)
    {
        try
        {
            return patterns.Select(PhrasePattern.Parse).ToList();
        }
        catch (FormatException ex)
        {
            throw new KnowledgeDataException(FileName, entry, ex.Message);
        }
    }

    private static void Require(bool condition, string entry, string fault)
    {
        if (!condition)
        {
            throw new KnowledgeDataException(FileName, entry, fault);
        }
    }

    /// <summary>Context cue lists.</summary>
    public sealed class Cues
    {
        public required IReadOnlyList<PhrasePattern> Negation { get; init; }

        public required IReadOnlyList<PhrasePattern> PseudoNegation { get; init; }

        /// <summary>Negations that follow the finding ("bukhar nahi": no fever).</summary>
        public required IReadOnlyList<PhrasePattern> PostNegation { get; init; }

        public required IReadOnlyList<PhrasePattern> Hypothetical { get; init; }

        public required IReadOnlySet<string> QuestionStart { get; init; }

        public required IReadOnlySet<string> Ownership { get; init; }

        public required IReadOnlyList<PhrasePattern> Demonstrative { get; init; }

        public required IReadOnlyList<PhrasePattern> Current { get; init; }

        public required IReadOnlyList<PhrasePattern> Past { get; init; }

        public required IReadOnlyList<PhrasePattern> Recurrence { get; init; }

        public required IReadOnlyList<PhrasePattern> Resolved { get; init; }

        public required IReadOnlyList<PhrasePattern> Idioms { get; init; }

        public required IReadOnlySet<string> TemperatureContext { get; init; }

        public required IReadOnlySet<string> NotTemperature { get; init; }

        public required IReadOnlyList<PhrasePattern> Pressure { get; init; }

        public required IReadOnlyList<PhrasePattern> Slowing { get; init; }

        /// <summary>Words that make a number in the clause something other than a body temperature (weather, bath water, height).</summary>
        public required IReadOnlyList<PhrasePattern> NotBodyTemperature { get; init; }

        /// <summary>"Fine since", "all sorted": past-tense findings in such a message are over.</summary>
        public required IReadOnlyList<PhrasePattern> ResolvedMessage { get; init; }

        public required IReadOnlySet<string> PastTense { get; init; }

        /// <summary>"None of this is about me": the whole message describes no one.</summary>
        public required IReadOnlyList<PhrasePattern> MessageHypothetical { get; init; }
    }

    private sealed record Document(
        Dictionary<string, string>? Spelling,
        Dictionary<string, List<string>>? Cues,
        Dictionary<string, CategoryDto>? Categories,
        List<RuleDto>? Rules,
        List<CombinationDto>? Combinations,
        MinutesDto? BleedingPressure,
        MinutesDto? BleedingLong,
        List<VitalDto>? Vitals);

    private sealed record VitalDto(string? Id, List<string>? Words, double? Below, double? Above, double? Min, string? Tier, string? Category);

    private sealed record CategoryDto(string? Why);

    private sealed record RuleDto(string? Id, string? Category, string? Tier, List<string>? Patterns, List<string>? Unless, List<string>? Requires, bool FollowUp, List<string>? UnlessAnywhere);

    private sealed record CombinationDto(string? Id, List<string>? All, string? Tier, string? Category);

    private sealed record MinutesDto(int Minutes);
}

/// <summary>
/// One lexicon rule: any of its patterns, in a clause where none of its "unless" patterns occur (and, if it has
/// "requires" patterns, in a message that has one), fires its category at its tier.
/// </summary>
public sealed record TriageRule(
    string Id,
    string Category,
    TriageTier Tier,
    IReadOnlyList<PhrasePattern> Patterns,
    IReadOnlyList<PhrasePattern> Unless,
    IReadOnlyList<PhrasePattern> Requires,
    bool FollowUp)
{
    /// <summary>Patterns that stop the rule wherever they occur in the message (heavy bleeding words in a message about a period).</summary>
    public IReadOnlyList<PhrasePattern> UnlessAnywhere { get; init; } = [];
}

/// <summary>A vital sign: the words that name it, and the reading below or above which it fires.</summary>
public sealed record VitalSign(string Id, IReadOnlyList<string[]> Words, double? Below, double? Above, double Min, TriageTier Tier, string Category);

/// <summary>Categories that together mean a higher tier (black stools with dizziness is an emergency).</summary>
public sealed record TriageCombination(string Id, IReadOnlyList<string> All, TriageTier Tier, string? Category);
