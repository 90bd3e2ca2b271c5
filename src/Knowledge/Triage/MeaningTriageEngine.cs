using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// A second opinion by meaning that can only raise the tier (docs/decisions/0018-triage-second-opinion-by-meaning.md).
/// The rule engine reads the message first and its result stands; then each clause the rules would count as current
/// (no negation, hypothetical, general question, past, resolution or idiom in it: <see cref="TriageEngine.Read"/>)
/// is embedded, all in one batch, and compared with the policy's red flags in everyday words
/// (<see cref="TriageExemplars"/>) and with benign contrasts worded like them. A clause whose nearest phrasing is a
/// red flag's, close enough, raises the message to that flag's tier, and the evidence names the flag and the phrasing
/// matched. Of a message over the turn's budget of word pieces only the most symptom-like clauses within triage's
/// share are compared (docs/decisions/0023-a-turn-budget-of-word-pieces.md). If anything in the second opinion
/// fails, the rules' result is returned as it was.
/// </summary>
public sealed partial class MeaningTriageEngine : ITriageEngine
{
    /// <summary>A one-word clause ("help", "mum") carries too little meaning to compare; the rules read it.</summary>
    public const int MinWords = 2;

    /// <summary>
    /// Of a negated clause only the words before the negation are compared, and only when there are this many: a
    /// subject on its own ("his lips are" of "his lips are not blue") would match the red flag it denies.
    /// </summary>
    public const int MinWordsBeforeNegation = 4;

    /// <summary>The prefix of the rule id of a finding by meaning.</summary>
    public const string RulePrefix = "meaning:";

    /// <summary>Words of the red flags' phrasings that say nothing about a symptom (see <see cref="SymptomWords"/>).</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "have", "having", "been", "with", "that", "this", "what", "when", "just", "really", "very", "like", "from", "about",
        "there", "their", "they", "them", "then", "than", "some", "since", "still", "keep", "keeps", "getting", "feel",
        "feels", "feeling", "into", "over", "much", "more", "also", "even", "only", "will", "would", "could", "should",
        "today", "now", "last", "days", "week", "hours", "after", "before", "being", "doing", "going", "mine", "your",
    };

    private readonly TriageEngine _rules;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly ILogger<MeaningTriageEngine> _logger;
    private readonly IReadOnlyList<TriageExemplar> _exemplars;
    private readonly VectorIndex _vectors;
    private readonly HashSet<string> _symptomWords;

    /// <param name="rules">The rule engine, read first and never overruled downwards.</param>
    /// <param name="exemplars">The red flags and their thresholds.</param>
    /// <param name="generator">The sentence encoder.</param>
    /// <param name="cacheFolder">Where the exemplars' vectors are cached (beside the intent model), or null to compute them each time.</param>
    /// <param name="logger">Logs tiers, red flag ids and similarities, never the message.</param>
    /// <param name="maxClauses">How many clauses of one message are compared by meaning ("Embeddings:MaxClauses"); the rules read all of it.</param>
    /// <param name="maxTokensPerTurn">"Embeddings:MaxTokensPerTurn": of a message over it, only the most symptom-like clauses within triage's share are compared (<see cref="TurnBudget"/>); the rules read all of it.</param>
    public MeaningTriageEngine(TriageEngine rules, TriageExemplars exemplars, IEmbeddingGenerator<string, Embedding<float>> generator, string? cacheFolder, ILogger<MeaningTriageEngine> logger, int maxClauses = 8, int maxTokensPerTurn = TurnBudget.DefaultMaxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClauses, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokensPerTurn, 3);
        MaxClauses = maxClauses;
        MaxTokensPerTurn = maxTokensPerTurn;
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(exemplars);
        ArgumentNullException.ThrowIfNull(generator);
        _rules = rules;
        _generator = generator;
        _logger = logger;
        ModelId = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown";
        Thresholds = exemplars.ThresholdsFor(ModelId) ?? throw new KnowledgeDataException(
            TriageExemplars.FileName,
            $"thresholds.{ModelId}",
            "no thresholds for this embedding model: choose them on the development sets (ADR 0018), pick another Embeddings:Model, or set Embeddings:Provider=None");
        foreach (var exemplar in exemplars.Phrasings.Where(e => e.Tier > TriageTier.None))
        {
            // A phrasing the context rules would discount could never be matched as written: it is a data error.
            var cues = rules.Read(exemplar.Text).Clauses.Aggregate(ContextCues.None, (all, c) => all | c.Cues);
            if (cues != ContextCues.None)
            {
                throw new KnowledgeDataException(TriageExemplars.FileName, exemplar.Id, $"the phrasing \"{exemplar.Text}\" reads as {cues} to the triage rules; word it as a current symptom");
            }
        }

        _exemplars = exemplars.Phrasings;
        _symptomWords = SymptomWords(_exemplars);
        var texts = _exemplars.Select(e => FirstPerson.Of(e.Text)).ToList();
        _vectors = new VectorIndex(cacheFolder is null ? Embed(texts) : EmbeddingCache.GetOrCompute(cacheFolder, "triage-exemplars", ModelId, texts, Embed));
    }

    /// <summary>How many clauses of one message are compared by meaning (the first ones the context rules let through).</summary>
    public int MaxClauses { get; }

    /// <summary>The turn's budget of estimated word pieces (<see cref="TurnBudget"/>).</summary>
    public int MaxTokensPerTurn { get; }

    /// <summary>The embedding model the exemplars were encoded with.</summary>
    public string ModelId { get; }

    /// <summary>The thresholds in use (those chosen for <see cref="ModelId"/>).</summary>
    public TriageThresholds Thresholds { get; }

    /// <inheritdoc/>
    public TriageResult Assess(string text, TriageContext? context = null)
    {
        var result = _rules.Assess(text, context);
        if (result.Tier == TriageTier.Emergency || string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        try
        {
            return Raise(text, result);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The exception itself is not logged: its message could quote the patient's text.
            LogFailed(_logger, ex.GetType().Name);
            return result;
        }
    }

    /// <summary>
    /// Each clause's closest red flag, for every clause the meaning part would read (after the context gate and the
    /// cap), whether or not it reaches a threshold: what the thresholds are chosen from.
    /// </summary>
    public IReadOnlyList<MeaningMatch> Matches(string text) => Compare(text).Matches;

    /// <summary>What <see cref="Matches"/> gives the encoder for <paramref name="text"/>, in order: for tests and benchmarks.</summary>
    public IReadOnlyList<string> EncodedFor(string text) => Readable(_rules.Read(text), TurnBudget.IsOver(text, MaxTokensPerTurn)).Select(c => c.Input).ToList();

    private (List<MeaningMatch> Matches, int Tokens) Compare(string text)
    {
        var readable = Readable(_rules.Read(text), TurnBudget.IsOver(text, MaxTokensPerTurn));
        if (readable.Count == 0)
        {
            return ([], 0);
        }

        // One batch for the whole message; someone else's symptom is read as the writer's (FirstPerson).
        var clauses = readable.Select(r => r.Clause).ToList();
        var vectors = _generator.GenerateAsync(readable.Select(r => r.Input)).GetAwaiter().GetResult();
        var matches = new List<MeaningMatch>(clauses.Count);
        for (var k = 0; k < clauses.Count; k++)
        {
            var similarities = _vectors.Similarities(vectors[k].Vector.Span);
            var best = new Dictionary<TriageTier, int>();
            for (var i = 0; i < similarities.Length; i++)
            {
                var tier = _exemplars[i].Tier;
                if (!best.TryGetValue(tier, out var current) || similarities[i] > similarities[current])
                {
                    best[tier] = i;
                }
            }

            matches.Add(new MeaningMatch(clauses[k], best.ToDictionary(b => b.Key, b => (_exemplars[b.Value], similarities[b.Value]))));
        }

        return (matches, readable.Sum(r => EmbeddingText.EstimatedTokens(r.Input)));
    }

    private TriageResult Raise(string text, TriageResult result)
    {
        var findings = new List<TriageEvidence>();
        var (matches, tokens) = Compare(text);
        result = result with { EncodedTokens = tokens };
        foreach (var match in matches)
        {
            if (Reached(match) is { } finding && finding.Tier > result.Tier)
            {
                findings.Add(finding);
            }
        }

        if (findings.Count == 0)
        {
            return result;
        }

        var evidence = result.Evidence.Concat(findings).ToList();
        var tier = findings.Max(f => f.Tier);
        var strongest = findings.Where(f => f.Tier == tier).MaxBy(f => f.Similarity)!;
        LogRaised(_logger, result.Tier, tier, strongest.Rule, strongest.Similarity ?? 0);
        return result with
        {
            Tier = tier,
            Categories = evidence.OrderByDescending(f => f.Tier).Select(f => f.Category).Distinct(StringComparer.Ordinal).ToList(),
            Evidence = evidence,
            NeedsFollowUp = tier < TriageTier.Emergency && result.NeedsFollowUp,
        };
    }

    /// <summary>
    /// What the clause reaches: nothing when its nearest exemplar is a benign contrast; else the highest tier, up to
    /// the nearest red flag's own, whose threshold the similarity reaches (a looser match with an emergency red flag
    /// still warrants the care-team line: when unsure, the higher tier).
    /// </summary>
    private TriageEvidence? Reached(MeaningMatch match)
    {
        var (exemplar, similarity) = match.Nearest;
        var mild = IsMild(match.Clause.Text);
        foreach (var tier in new[] { TriageTier.Emergency, TriageTier.Urgent, TriageTier.Routine })
        {
            // The policy's routine findings are the mild forms of its urgent ones ("mildly breathless on stairs",
            // "bruising a little more easily"): a clause that says "a bit" or "slightly" is not raised to urgent by
            // meaning alone. An emergency flag is not softened by it ("a bit of chest pain" is chest pain).
            if (tier == TriageTier.Urgent && mild)
            {
                continue;
            }

            if (exemplar.Tier >= tier && similarity >= Thresholds.For(tier))
            {
                return new TriageEvidence(RulePrefix + exemplar.Id, exemplar.Category, tier, match.Clause.Start, match.Clause.Length)
                {
                    Exemplar = exemplar.Text,
                    ExemplarId = exemplar.Key,
                    Similarity = similarity,
                };
            }
        }

        return null;
    }

    /// <summary>Words that make a finding mild in the policy's sense (the rules' lexicon uses the same ones to keep breathlessness routine).</summary>
    private static readonly string[][] MildWords = [["a", "bit"], ["bit", "of"], ["a", "little"], ["slightly"], ["mildly"], ["mild"], ["a", "touch"], ["only", "small"], ["small"], ["bit", "more"]];

    /// <summary>Whether the clause (folded text) qualifies what it describes as mild.</summary>
    public static bool IsMild(string clause)
    {
        var words = clause.Split((char[])[' ', ',', '.', '!', '?', ';', ':', '\'', '"', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant()).ToArray();
        for (var i = 0; i < words.Length; i++)
        {
            foreach (var phrase in MildWords)
            {
                if (i + phrase.Length <= words.Length && phrase.Select((w, k) => words[i + k] == w).All(b => b))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The clauses worth comparing, each with what the encoder is given for it: current by the rules' context cues
    /// (of a negated clause, the words before the negation), two words or more, each once, at most
    /// <see cref="MaxClauses"/>. Of a message over the turn's budget, the most symptom-like of them (the most words
    /// the red flags are phrased with, then the earliest) while they fit triage's share, the first one cut to fit
    /// if it must; in the order of the text.
    /// </summary>
    private List<(TriageClause Clause, string Input)> Readable(TriageReading reading, bool overBudget)
    {
        if (reading.DescribesNoOne)
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var clauses = new List<(TriageClause Clause, string Input)>();
        foreach (var clause in reading.Clauses)
        {
            var negated = (clause.Cues & ContextCues.Negation) != 0;
            if ((clause.Cues & ~ContextCues.Negation) == ContextCues.None && clause.Words >= (negated ? MinWordsBeforeNegation : MinWords) && seen.Add(clause.Text))
            {
                clauses.Add((clause, FirstPerson.Of(clause.Text)));
                if (!overBudget && clauses.Count == MaxClauses)
                {
                    break;
                }
            }
        }

        return overBudget ? WithinShare(clauses) : clauses;
    }

    private List<(TriageClause Clause, string Input)> WithinShare(List<(TriageClause Clause, string Input)> clauses)
    {
        var left = TurnBudget.ForTriage(MaxTokensPerTurn);
        var taken = new List<(TriageClause Clause, string Input)>();
        foreach (var (clause, input) in clauses.OrderByDescending(c => SymptomScore(c.Clause.Text)).ThenBy(c => c.Clause.Start))
        {
            var piece = input;
            var tokens = EmbeddingText.EstimatedTokens(piece);
            if (tokens > left && taken.Count == 0)
            {
                piece = EmbeddingText.Head(piece, left);
                tokens = EmbeddingText.EstimatedTokens(piece);
            }

            if (tokens <= left && piece.Length > 0)
            {
                taken.Add((clause, piece));
                left -= tokens;
                if (taken.Count == MaxClauses)
                {
                    break;
                }
            }
        }

        return [.. taken.OrderBy(c => c.Clause.Start)];
    }

    /// <summary>How many distinct words of <paramref name="clause"/> the red flags are phrased with.</summary>
    private int SymptomScore(string clause) =>
        TextNormalizer.Tokenize(clause).Distinct(StringComparer.Ordinal).Count(_symptomWords.Contains);

    /// <summary>
    /// The words the red flags are phrased with, less those that carry no symptom (short words, pronouns, common
    /// verbs): what makes a clause look like a symptom before it is compared by meaning.
    /// </summary>
    private static HashSet<string> SymptomWords(IReadOnlyList<TriageExemplar> exemplars)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exemplar in exemplars.Where(e => e.Tier > TriageTier.None))
        {
            words.UnionWith(TextNormalizer.Tokenize(exemplar.Text).Where(w => w.Length >= 4 && !CommonWords.Contains(w)));
        }

        return words;
    }

    private float[][] Embed(IReadOnlyList<string> texts)
    {
        var vectors = new List<float[]>(texts.Count);
        foreach (var chunk in texts.Chunk(64))
        {
            vectors.AddRange(_generator.GenerateAsync(chunk).GetAwaiter().GetResult().Select(e => e.Vector.ToArray()));
        }

        return [.. vectors];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Triage second opinion raised {From} to {To} by {RedFlag} (similarity {Similarity:0.00})")]
    private static partial void LogRaised(ILogger logger, TriageTier from, TriageTier to, string redFlag, float similarity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Triage second opinion failed with {ExceptionType}; the rules' result stands")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}

/// <summary>One clause the meaning part read, and the closest exemplar of each tier (None: the benign contrasts) with its similarity.</summary>
public sealed record MeaningMatch(TriageClause Clause, IReadOnlyDictionary<TriageTier, (TriageExemplar Exemplar, float Similarity)> Best)
{
    /// <summary>The closest exemplar of all, red flag or benign contrast.</summary>
    public (TriageExemplar Exemplar, float Similarity) Nearest => Best.Values.MaxBy(b => b.Similarity);
}
