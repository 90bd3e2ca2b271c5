using System.Globalization;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Text;
using Microsoft.Extensions.Options;

namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// Rule-based triage over the clinical lexicon in data/triage-rules.json (docs/decisions/0004-triage-engine.md).
/// Rules find symptom phrases; context rules decide whether each one is a current finding: negation scoped to its
/// clause (NegEx-style, with pseudo-negations such as "not sure"), hypotheticals and general questions, past and
/// resolved events, idioms. Temperatures and bleeding durations are read as numbers and compared with settings.
/// Someone else's symptom counts the same as the writer's. The highest tier found wins.
/// </summary>
public sealed class TriageEngine : ITriageEngine
{
    /// <summary>How far before a finding a negation cue still applies (NegEx uses a similar window).</summary>
    private const int NegationWindow = 6;

    /// <summary>How far before a finding an owner ("my", "his", "these") makes a question about a current symptom.</summary>
    private const int OwnershipWindow = 4;

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal) { "so", "and", "ok", "okay", "hi", "hey", "hello", "um", "also", "sorry", "please", "quick", "question", "just", "but", "oh", "well" };
    private static readonly HashSet<string> StrongTemperatureWords = new(StringComparer.Ordinal)
    {
        "temp", "temps", "temperature", "temperatures", "fever", "feverish", "thermometer", "reading", "reads", "degrees", "degree", "deg", "hot", "burning", "chills", "shivery", "shivering", "shaking", "rigors", "spiked", "spiking", "boiling",
    };

    private static readonly Dictionary<string, double> NumberWords = new(StringComparer.Ordinal)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["half"] = 0.5, ["nine"] = 9, ["ten"] = 10, ["fifteen"] = 15, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fortyfive"] = 45, ["sixty"] = 60, ["few"] = 3, ["couple"] = 2, ["several"] = 3,
    };

    /// <summary>The owners that make a question clause about someone's current symptom wherever the symptom is in it.</summary>
    private static readonly HashSet<string> Possessives = new(StringComparer.Ordinal) { "my", "his", "her", "their", "our", "mine" };

    /// <summary>The question words that begin a question inside a clause ("at what point ...?"); "is", "can" and "do" there are verbs.</summary>
    private static readonly HashSet<string> WhWords = new(StringComparer.Ordinal) { "what", "whats", "when", "why", "how", "hows", "which", "who", "where" };

    /// <summary>Words after "gone" that make it an ending ("it's gone now") rather than a change ("gone blue").</summary>
    private static readonly HashSet<string> EndedAfterGone = new(StringComparer.Ordinal)
    {
        "now", "away", "completely", "totally", "altogether", "entirely", "off", "down", "and", "thankfully", "today", "since", "by", "after", "overnight", "in", "within", "again", "already", "for", "back",
    };

    private readonly TriageLexicon _lexicon;
    private readonly SafetyOptions _options;
    private readonly PatternIndex<TriageRule> _rules;
    private readonly PatternIndex<Cue> _cues;
    private readonly Dictionary<string, List<(VitalSign Vital, string[] Name)>> _vitalsByFirstWord = new(StringComparer.Ordinal);

    public TriageEngine(TriageLexicon lexicon, IOptions<SafetyOptions> options)
    {
        _lexicon = lexicon;
        _options = options.Value;
        _rules = new PatternIndex<TriageRule>(lexicon.Rules.SelectMany(r => r.Patterns.Select(p => (p, r))));
        foreach (var vital in lexicon.Vitals)
        {
            foreach (var name in vital.Words)
            {
                if (!_vitalsByFirstWord.TryGetValue(name[0], out var list))
                {
                    _vitalsByFirstWord[name[0]] = list = [];
                }

                list.Add((vital, name));
            }
        }

        var c = lexicon.Cue;
        _cues = new PatternIndex<Cue>(new (IReadOnlyList<PhrasePattern> Patterns, Cue Kind)[]
        {
            (c.Negation, Cue.Negation), (c.PseudoNegation, Cue.PseudoNegation), (c.PostNegation, Cue.PostNegation),
            (c.Hypothetical, Cue.Hypothetical), (c.Demonstrative, Cue.Demonstrative), (c.Current, Cue.Current),
            (c.Past, Cue.Past), (c.Recurrence, Cue.Recurrence), (c.Resolved, Cue.Resolved), (c.Idioms, Cue.Idiom),
            (c.Pressure, Cue.Pressure), (c.Slowing, Cue.Slowing), (c.NotBodyTemperature, Cue.NotBodyTemperature),
            (c.ResolvedMessage, Cue.ResolvedMessage), (c.MessageHypothetical, Cue.MessageHypothetical),
        }.SelectMany(set => set.Patterns.Select(p => (p, set.Kind))));
    }

    /// <summary>The kinds of context cue the lexicon lists.</summary>
    private enum Cue
    {
        Negation,
        PseudoNegation,
        PostNegation,
        Hypothetical,
        Demonstrative,
        Current,
        Past,
        Recurrence,
        Resolved,
        Idiom,
        Pressure,
        Slowing,
        NotBodyTemperature,
        ResolvedMessage,
        MessageHypothetical,
    }

    /// <inheritdoc/>
    public TriageResult Assess(string text, TriageContext? context = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TriageResult.None;
        }

        // Matching reads the folded text, so a zero-width space, a full-width letter or a Cyrillic look-alike
        // cannot hide a red flag; evidence is mapped back to the text as typed.
        var folded = TextFolder.Fold(text);
        var parsed = TriageText.Parse(folded.Text, _lexicon.Spelling);
        var scan = new Scan(parsed, _lexicon, _cues);
        if (scan.MessageHas(Cue.MessageHypothetical))
        {
            // "None of this is about me": a student's or a planner's list of symptoms describes no one.
            return TriageResult.None;
        }

        var findings = new List<TriageEvidence>();
        var followUp = false;

        foreach (var clause in parsed.Clauses)
        {
            var clauseContext = scan.ContextOf(clause);
            var fired = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (rule, start, end) in Candidates(parsed, clause, scan))
            {
                if (fired.Contains(rule.Id))
                {
                    continue;
                }

                if (rule.Requires.Count > 0 && !scan.MessageHas(rule.Requires))
                {
                    continue;
                }

                if ((rule.Unless.Count > 0 && scan.ClauseHas(clause, rule.Unless)) || (rule.UnlessAnywhere.Count > 0 && scan.MessageHas(rule.UnlessAnywhere)))
                {
                    continue;
                }

                if (!scan.IsCurrentFinding(clause, clauseContext, start, end))
                {
                    continue;
                }

                fired.Add(rule.Id);
                findings.Add(Evidence(parsed, rule.Id, rule.Category, rule.Tier, start, end));
                followUp |= rule.FollowUp;
            }

            findings.AddRange(Temperatures(parsed, clause, clauseContext, scan, context));
            findings.AddRange(VitalSigns(parsed, clause, clauseContext, scan));
        }

        findings.AddRange(BleedingUnderPressure(parsed, scan, findings));
        findings.AddRange(Combinations(findings));
        if (findings.Count == 0)
        {
            return TriageResult.None;
        }

        var tier = findings.Max(f => f.Tier);
        var categories = findings.OrderByDescending(f => f.Tier).Select(f => f.Category).Distinct(StringComparer.Ordinal).ToList();
        var feverWithoutReading = categories.Contains("fever") && !findings.Any(f => f.Rule == "temperature-reading");
        var evidence = folded.IsIdentity ? findings : findings.ConvertAll(f => InOriginal(folded, f));
        return new TriageResult(tier, categories, evidence)
        {
            NeedsFollowUp = tier < TriageTier.Emergency && (followUp || feverWithoutReading),
        };
    }

    /// <summary>
    /// The message's clauses as the rules read them (the same folded text, the same clause boundaries) and the
    /// context cues in each, for a second reader that must apply the same context rules to a whole clause
    /// (<see cref="MeaningTriageEngine"/>). Reads all of the text, however long; spans are in the text as typed.
    /// </summary>
    public TriageReading Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TriageReading.Empty;
        }

        var folded = TextFolder.Fold(text);
        var parsed = TriageText.Parse(folded.Text, _lexicon.Spelling);
        var scan = new Scan(parsed, _lexicon, _cues);
        var clauses = new List<TriageClause>(parsed.Clauses.Count);
        foreach (var clause in parsed.Clauses)
        {
            // A negation covers what follows it in its clause, and a question that begins inside it covers what
            // follows its question word: only the words before them can still be a finding.
            var end = Math.Min(scan.UnnegatedEnd(clause), scan.StatementEnd(clause));
            var first = parsed.Tokens[clause.Start];
            var last = parsed.Tokens[Math.Max(clause.Start, end - 1)];
            var length = end > clause.Start ? last.Start + last.Length - first.Start : 0;
            var (start, originalLength) = folded.ToOriginal(first.Start, length);
            clauses.Add(new TriageClause(start, originalLength, folded.Text.Substring(first.Start, length), end - clause.Start, scan.CuesOf(clause)));
        }

        return new TriageReading(scan.MessageHas(Cue.MessageHypothetical), clauses);
    }

    private List<(TriageRule Rule, int Start, int End)> Candidates(TriageText parsed, TriageText.Clause clause, Scan scan)
    {
        var candidates = new List<(TriageRule Rule, int Start, int End)>();
        _rules.MatchAll(parsed.Tokens, clause.Start, clause.End, scan.Blocked, (start, end, rule) => candidates.Add((rule, start, end)));
        return candidates;
    }

    /// <summary>Numbers that are temperatures: with a unit, or a decimal in a body range, or next to a temperature word.</summary>
    private IEnumerable<TriageEvidence> Temperatures(TriageText parsed, TriageText.Clause clause, ClauseContext clauseContext, Scan scan, TriageContext? context)
    {
        var tokens = parsed.Tokens;
        if (scan.ClauseHas(clause, Cue.NotBodyTemperature) && context?.ExpectingTemperature != true)
        {
            yield break;
        }

        // "just took my temperature, it's 38": the word that makes a bare number a temperature is often in the clause before.
        var from = scan.PreviousClauseStart(clause);
        var strongContext = Enumerable.Range(from, clause.End - from).Any(k => StrongTemperatureWords.Contains(tokens[k].Text));
        for (var i = clause.Start; i < clause.End; i++)
        {
            var token = tokens[i];
            if (!token.IsNumber || !double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var celsius = ReadTemperature(tokens, clause, i, value, strongContext || context?.ExpectingTemperature == true, out var unitEnd);

            // A reading with a decimal in a question ("should I ring for 38.2?") is the writer's own.
            var readingContext = token.Text.Contains('.') ? clauseContext with { QuestionFrom = ClauseContext.NoQuestion } : clauseContext;
            if (celsius is not { } c || !scan.IsCurrentFinding(clause, readingContext, i, unitEnd))
            {
                continue;
            }

            if (c >= _options.FeverThresholdCelsius)
            {
                yield return Evidence(parsed, "temperature-reading", "fever", TriageTier.Urgent, i, unitEnd);
            }
            else if (c < _options.LowTemperatureThresholdCelsius && c >= 25)
            {
                yield return Evidence(parsed, "temperature-reading", "low-temperature", TriageTier.Urgent, i, unitEnd);
            }
        }
    }

    /// <summary>"sats 85%", "RR 32", "BP 85/50", "GCS 8", "HR 135": the first number within three words after the name.</summary>
    private IEnumerable<TriageEvidence> VitalSigns(TriageText parsed, TriageText.Clause clause, ClauseContext clauseContext, Scan scan)
    {
        var tokens = parsed.Tokens;
        for (var i = clause.Start; i < clause.End; i++)
        {
            if (!_vitalsByFirstWord.TryGetValue(tokens[i].Text, out var vitals))
            {
                continue;
            }

            foreach (var (vital, name) in vitals)
            {
                if (!StartsWith(tokens, i, clause.End, name))
                {
                    continue;
                }

                var after = i + name.Length;
                var number = -1;
                for (var k = after; k < Math.Min(clause.End, after + 3) && number < 0; k++)
                {
                    number = tokens[k].IsNumber ? k : -1;
                }

                if (number < 0 || !double.TryParse(tokens[number].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < vital.Min)
                {
                    continue;
                }

                var fires = (vital.Below is { } below && value < below) || (vital.Above is { } above && value > above);
                if (fires && scan.IsCurrentFinding(clause, clauseContext, i, number + 1))
                {
                    yield return Evidence(parsed, vital.Id, vital.Category, vital.Tier, i, number + 1);
                }
            }
        }
    }

    private static bool StartsWith(IReadOnlyList<TriageText.Token> tokens, int start, int end, string[] words)
    {
        if (start + words.Length > end)
        {
            return false;
        }

        for (var k = 0; k < words.Length; k++)
        {
            if (tokens[start + k].Text != words[k])
            {
                return false;
            }
        }

        return true;
    }

    private double? ReadTemperature(IReadOnlyList<TriageText.Token> tokens, TriageText.Clause clause, int i, double value, bool temperatureContext, out int end)
    {
        end = i + 1;
        string? unit = null;
        var next = Next(tokens, clause, i, 1);
        if (next == "deg")
        {
            end++;
            var after = Next(tokens, clause, i, 2);
            unit = after is "c" or "celsius" or "centigrade" ? "c" : after is "f" or "fahrenheit" ? "f" : "deg";
            end += unit == "deg" ? 0 : 1;
        }
        else if (next is "c" or "celsius" or "centigrade")
        {
            unit = "c";
            end++;
        }
        else if (next is "f" or "fahrenheit")
        {
            unit = "f";
            end++;
        }
        else if (next is "degrees" or "degree")
        {
            end++;
            var after = Next(tokens, clause, i, 2);
            unit = after is "c" or "celsius" ? "c" : after is "f" or "fahrenheit" ? "f" : "deg";
            end += unit == "deg" ? 0 : 1;
        }

        var previous = i > clause.Start ? tokens[i - 1].Text : null;
        var excluded = (previous is not null && _lexicon.Cue.NotTemperature.Contains(previous))
            || (next is not null && unit is null && _lexicon.Cue.NotTemperature.Contains(next));
        if (excluded && unit is null)
        {
            return null;
        }

        var decimals = tokens[i].Text.Contains('.') ? tokens[i].Text.Length - tokens[i].Text.IndexOf('.') - 1 : 0;
        double? celsius = unit switch
        {
            "c" => value,
            "f" => FahrenheitToCelsius(value),
            "deg" => value < 50 ? value : FahrenheitToCelsius(value),
            _ when decimals == 1 && value is >= 30 and <= 45 => value,
            _ when decimals == 1 && value is >= 86 and <= 113 => FahrenheitToCelsius(value),
            _ when decimals == 0 && temperatureContext && value is >= 30 and <= 45 => value,
            _ when decimals == 0 && temperatureContext && value is >= 86 and <= 113 => FahrenheitToCelsius(value),
            _ => null,
        };
        return celsius is { } c && c is >= 25 and <= 46 ? Math.Round(c, 1) : null;
    }

    private static double FahrenheitToCelsius(double f) => (f - 32) * 5 / 9;

    private static string? Next(IReadOnlyList<TriageText.Token> tokens, TriageText.Clause clause, int i, int offset) =>
        i + offset < clause.End ? tokens[i + offset].Text : null;

    /// <summary>Bleeding that keeps going after firm pressure for the configured time is an emergency, unless it is slowing.</summary>
    private IEnumerable<TriageEvidence> BleedingUnderPressure(TriageText parsed, Scan scan, List<TriageEvidence> findings)
    {
        var bleeding = findings.FirstOrDefault(f => f.Category == "bleeding");
        if (bleeding is null || findings.Any(f => f.Category == "bleeding" && f.Tier == TriageTier.Emergency))
        {
            yield break;
        }

        var minutes = LongestDurationMinutes(parsed);
        if (minutes >= _lexicon.BleedingLongMinutes && !scan.MessageHas(Cue.Slowing))
        {
            yield return bleeding with { Rule = "bleeding-long", Tier = TriageTier.Emergency };
        }
        else if (scan.MessageHas(Cue.Pressure) && !scan.MessageHas(Cue.Slowing) && minutes >= _lexicon.BleedingPressureMinutes)
        {
            yield return bleeding with { Rule = "bleeding-under-pressure", Tier = TriageTier.Emergency };
        }
    }

    /// <summary>The longest duration written in the message, in minutes ("20 mins", "half an hour", "over an hour").</summary>
    public static double LongestDurationMinutes(TriageText parsed)
    {
        var tokens = parsed.Tokens;
        double longest = 0;
        for (var i = 1; i < tokens.Count; i++)
        {
            var unit = tokens[i].Text switch
            {
                "minutes" => 1.0,
                "hours" => 60.0,
                _ => 0,
            };
            if (unit == 0)
            {
                continue;
            }

            var previous = tokens[i - 1].Text;
            double amount;
            if (tokens[i - 1].IsNumber && double.TryParse(previous, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                amount = n;
            }
            else if (NumberWords.TryGetValue(previous, out var w))
            {
                amount = w;
                if (i >= 2 && tokens[i - 2].Text == "half")
                {
                    amount = 0.5;
                }
                else if (i >= 3 && tokens[i - 3].Text == "quarter")
                {
                    amount = 0.25;
                }
            }
            else
            {
                continue;
            }

            // "two pads in an hour", "every 5 minutes" are rates, not how long something has lasted.
            var before = i >= 2 ? tokens[i - 2].Text : string.Empty;
            if (before is "in" or "per" or "every" or "each" or "under" || (amount == 1 && previous is "a" or "an" && before is "in" or "every" or "under"))
            {
                continue;
            }

            longest = Math.Max(longest, amount * unit);
        }

        return longest;
    }

    private IEnumerable<TriageEvidence> Combinations(List<TriageEvidence> findings)
    {
        // A combination names categories or rule ids ("fever" with "near-faint").
        var present = findings.Select(f => f.Category).Concat(findings.Select(f => f.Rule)).ToHashSet(StringComparer.Ordinal);
        foreach (var combination in _lexicon.Combinations)
        {
            if (combination.All.All(present.Contains))
            {
                var anchor = findings.First(f => f.Category == combination.All[0] || f.Rule == combination.All[0]);
                yield return anchor with { Rule = combination.Id, Category = combination.Category ?? anchor.Category, Tier = combination.Tier };
            }
        }
    }

    private static TriageEvidence InOriginal(FoldedText folded, TriageEvidence evidence)
    {
        var (start, length) = folded.ToOriginal(evidence.Start, evidence.Length);
        return evidence with { Start = start, Length = length };
    }

    private static TriageEvidence Evidence(TriageText parsed, string rule, string category, TriageTier tier, int start, int end)
    {
        var first = parsed.Tokens[start];
        var last = parsed.Tokens[end - 1];
        return new TriageEvidence(rule, category, tier, first.Start, last.Start + last.Length - first.Start);
    }

    /// <summary>A clause's time words, and where its question begins (<see cref="NoQuestion"/> when it is none).</summary>
    private readonly record struct ClauseContext(int QuestionFrom, bool HasPast, bool HasCurrent)
    {
        public const int NoQuestion = int.MaxValue;

        /// <summary>Whether a finding starting at <paramref name="start"/> lies in the question rather than in a statement before it.</summary>
        public bool InQuestion(int start) => start >= QuestionFrom;
    }

    /// <summary>Per-message context: every cue found once (idioms, negations, time words), then queried by position.</summary>
    private sealed class Scan
    {
        private readonly TriageText _parsed;
        private readonly TriageLexicon _lexicon;
        private readonly List<(int Start, int End)>[] _spans;
        private readonly Dictionary<IReadOnlyList<PhrasePattern>, bool> _messageChecks = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<int, int> _clauseIndex = [];
        private bool? _statedRecurrence;

        public Scan(TriageText parsed, TriageLexicon lexicon, PatternIndex<Cue> cues)
        {
            _parsed = parsed;
            _lexicon = lexicon;
            _spans = new List<(int, int)>[Enum.GetValues<Cue>().Length];
            for (var k = 0; k < _spans.Length; k++)
            {
                _spans[k] = [];
            }

            for (var k = 0; k < parsed.Clauses.Count; k++)
            {
                var clause = parsed.Clauses[k];
                _clauseIndex[clause.Start] = k;
                cues.MatchAll(parsed.Tokens, clause.Start, clause.End, null, (start, end, kind) => _spans[(int)kind].Add((start, end)));
            }

            // Sorted by start, so that every query by position is a binary search, not a walk over the message:
            // triage reads very long messages in full, and their cost must stay linear.
            foreach (var spans in _spans)
            {
                spans.Sort();
            }

            DropDeniedEndings(Cue.Resolved);
            DropDeniedEndings(Cue.ResolvedMessage);

            // "still dripping", "still oozing" say the bleeding goes on, not that it is slowing.
            _spans[(int)Cue.Slowing].RemoveAll(cue => cue.Start > 0 && _parsed.Tokens[cue.Start - 1].Text == "still");

            var blocked = new HashSet<int>();
            foreach (var (start, end) in _spans[(int)Cue.Idiom])
            {
                for (var k = start; k < end; k++)
                {
                    blocked.Add(k);
                }
            }

            Blocked = blocked;
        }

        public IReadOnlySet<int> Blocked { get; }

        /// <summary>
        /// An ending that is denied is no ending: "hasnt settled", "still not gone", "not better now", "never went away"
        /// say the finding goes on. A negation just before the cue (or one word before, "not really settled", "hasnt
        /// yet cleared") takes the cue out, so the finding counts.
        /// </summary>
        private void DropDeniedEndings(Cue kind)
        {
            var negations = _spans[(int)Cue.Negation];
            _spans[(int)kind].RemoveAll(cue =>
            {
                for (var k = FirstFrom(negations, Math.Max(0, cue.Start - 3)); k < negations.Count && negations[k].Start < cue.Start; k++)
                {
                    if (negations[k].End >= cue.Start - 1 && negations[k].End <= cue.Start && SameClause(negations[k].Start, cue.Start))
                    {
                        return true;
                    }
                }

                return false;
            });
        }

        private bool SameClause(int a, int b) => ClauseAt(a) == ClauseAt(b);

        /// <summary>The index of the clause holding token <paramref name="position"/> (clauses are in order), or -1.</summary>
        private int ClauseAt(int position)
        {
            var clauses = _parsed.Clauses;
            int low = 0, high = clauses.Count - 1;
            while (low <= high)
            {
                var mid = (low + high) >>> 1;
                if (position < clauses[mid].Start)
                {
                    high = mid - 1;
                }
                else if (position >= clauses[mid].End)
                {
                    low = mid + 1;
                }
                else
                {
                    return mid;
                }
            }

            return -1;
        }

        public bool MessageHas(Cue kind) => _spans[(int)kind].Count > 0;

        public bool ClauseHas(TriageText.Clause clause, Cue kind) => Any(kind, clause.Start, clause.End);

        /// <summary>"It's back", said as a statement (not "will it happen again?").</summary>
        private bool StatedRecurrence()
        {
            if (_statedRecurrence is { } known)
            {
                return known;
            }

            _statedRecurrence = false;
            foreach (var clause in _parsed.Clauses)
            {
                if (Any(Cue.Recurrence, clause.Start, Math.Min(clause.End, ContextOf(clause).QuestionFrom)))
                {
                    _statedRecurrence = true;
                    break;
                }
            }

            return _statedRecurrence.Value;
        }

        /// <summary>"It's back", said as a statement in a clause after the one holding token <paramref name="position"/>.</summary>
        private bool StatedRecurrenceAfter(int position)
        {
            var k = ClauseAt(position);
            for (var c = k + 1; k >= 0 && c < _parsed.Clauses.Count; c++)
            {
                var clause = _parsed.Clauses[c];
                if (Any(Cue.Recurrence, clause.Start, Math.Min(clause.End, ContextOf(clause).QuestionFrom)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The start of the clause before <paramref name="clause"/> when that one is a statement ("just took my
        /// temperature, it's 38"), else the clause's own start ("what's the fever number, 37.5 or 38?" asks).
        /// </summary>
        public int PreviousClauseStart(TriageText.Clause clause) =>
            _clauseIndex.TryGetValue(clause.Start, out var k) && k > 0 && ContextOf(_parsed.Clauses[k - 1]).QuestionFrom == ClauseContext.NoQuestion && !_parsed.Clauses[k - 1].IsQuestion
                ? _parsed.Clauses[k - 1].Start
                : clause.Start;

        /// <summary>"Now", "it started 20 minutes ago" in this clause, the one before, or the two after it (the usual places to say so).</summary>
        private bool CurrentNear(TriageText.Clause clause)
        {
            var clauses = _parsed.Clauses;
            if (!_clauseIndex.TryGetValue(clause.Start, out var k))
            {
                return false;
            }

            var first = Math.Max(0, k - 1);
            var last = Math.Min(clauses.Count - 1, k + 2);
            return Any(Cue.Current, clauses[first].Start, clauses[last].End);
        }

        private bool ClauseInPastTense(TriageText.Clause clause)
        {
            for (var k = clause.Start; k < clause.End; k++)
            {
                if (_lexicon.Cue.PastTense.Contains(_parsed.Tokens[k].Text))
                {
                    return true;
                }
            }

            return false;
        }

        public bool MessageHas(IReadOnlyList<PhrasePattern> patterns)
        {
            if (!_messageChecks.TryGetValue(patterns, out var found))
            {
                found = false;
                foreach (var clause in _parsed.Clauses)
                {
                    if (Matches(clause.Start, clause.End, patterns))
                    {
                        found = true;
                        break;
                    }
                }

                _messageChecks[patterns] = found;
            }

            return found;
        }

        public bool ClauseHas(TriageText.Clause clause, IReadOnlyList<PhrasePattern> patterns) => Matches(clause.Start, clause.End, patterns);

        public ClauseContext ContextOf(TriageText.Clause clause)
        {
            var first = clause.Start;
            while (first < clause.End && Fillers.Contains(_parsed.Tokens[first].Text))
            {
                first++;
            }

            return new ClauseContext(QuestionFrom(clause, first), Any(Cue.Past, clause.Start, clause.End), Any(Cue.Current, clause.Start, clause.End));
        }

        /// <summary>
        /// Where the clause's question begins. A clause that opens with a question word (after fillers) is a question
        /// throughout, "?" or not ("is breathlessness a symptom"). In one that ends in "?" and opens otherwise, the
        /// question begins at its first wh-word ("at what point does a nosebleed need a call?", "chest pain and
        /// sweating what do i do?"), and what comes before it is a statement, as it is without the "?". Without a
        /// wh-word the "?" makes no question of a statement ("dad grey and sweaty?", "my mum is confused?": "is" there
        /// is the verb of the statement): when unsure, the higher tier. So a question mark typed after a statement,
        /// or before a new sentence, cannot unsay it.
        /// </summary>
        private int QuestionFrom(TriageText.Clause clause, int first)
        {
            if (first < clause.End && _lexicon.Cue.QuestionStart.Contains(_parsed.Tokens[first].Text))
            {
                return clause.Start;
            }

            if (!clause.IsQuestion)
            {
                return ClauseContext.NoQuestion;
            }

            for (var k = first + 1; k < clause.End; k++)
            {
                if (WhWords.Contains(_parsed.Tokens[k].Text))
                {
                    return k;
                }
            }

            return ClauseContext.NoQuestion;
        }

        /// <summary>
        /// Where the statement before a question that begins inside the clause ends (its question word), or the
        /// clause's end: what a second reader may read of a clause such as "chest pain and sweating what do i do?".
        /// </summary>
        public int StatementEnd(TriageText.Clause clause)
        {
            var from = ContextOf(clause).QuestionFrom;
            return from > clause.Start && from < clause.End ? from : clause.End;
        }

        /// <summary>
        /// The cues of <see cref="IsCurrentFinding"/> for a finding that could be anywhere in the clause: a negation,
        /// hypothetical or resolution anywhere in it counts, as do its question, past and idiom context.
        /// </summary>
        public ContextCues CuesOf(TriageText.Clause clause)
        {
            var context = ContextOf(clause);
            var cues = ContextCues.None;
            if (UnnegatedEnd(clause) < StatementEnd(clause))
            {
                cues |= ContextCues.Negation;
            }

            if (HasResolution(clause))
            {
                cues |= ContextCues.Resolved;
            }

            if ((context.HasPast && !context.HasCurrent && !StatedRecurrence()) || (MessageHas(Cue.ResolvedMessage) && !CurrentNear(clause) && ClauseInPastTense(clause)))
            {
                cues |= ContextCues.Past;
            }

            var demonstrative = Any(Cue.Demonstrative, clause.Start, clause.End);
            var current = CurrentNear(clause);
            if (!demonstrative && !current && Any(Cue.Hypothetical, clause.Start, clause.End))
            {
                cues |= ContextCues.Hypothetical;
            }

            // Where the finding is in a question is not known here, so "I" anywhere ("how long should a nosebleed
            // last before I call?") cannot make it the writer's own: only a possessive can ("is my pee meant to be red?").
            if (context.QuestionFrom == clause.Start && !current && !demonstrative && !HasPossessive(clause))
            {
                cues |= ContextCues.Question;
            }

            if (Any(Cue.Idiom, clause.Start, clause.End))
            {
                cues |= ContextCues.Idiom;
            }

            return cues;
        }

        /// <summary>
        /// A resolution cue in the clause. The rules look for one just after a finding; for a whole clause, "gone"
        /// followed by what it has become ("his lips have gone blue", "she's gone really confused") is a change, not
        /// an ending, unless what follows says it ended ("gone now", "gone away", "gone completely").
        /// </summary>
        private bool HasResolution(TriageText.Clause clause)
        {
            var spans = _spans[(int)Cue.Resolved];
            for (var k = FirstFrom(spans, clause.Start); k < spans.Count && spans[k].Start < clause.End; k++)
            {
                var (start, end) = spans[k];
                if (end > clause.End)
                {
                    continue;
                }

                var becoming = end - start == 1 && _parsed.Tokens[start].Text == "gone" && end < clause.End && !EndedAfterGone.Contains(_parsed.Tokens[end].Text);
                if (!becoming)
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasPossessive(TriageText.Clause clause)
        {
            for (var k = clause.Start; k < clause.End; k++)
            {
                if (Possessives.Contains(_parsed.Tokens[k].Text))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Where the clause's first negation starts (a pseudo-negation such as "not sure" does not count), or its end:
        /// the words before it are outside the negation's scope. A negation that follows its finding ("bukhar nahi",
        /// "is normal") covers the whole clause.
        /// </summary>
        public int UnnegatedEnd(TriageText.Clause clause)
        {
            if (Any(Cue.PostNegation, clause.Start, clause.End))
            {
                return clause.Start;
            }

            var spans = _spans[(int)Cue.Negation];
            for (var k = FirstFrom(spans, clause.Start); k < spans.Count && spans[k].Start < clause.End; k++)
            {
                if (spans[k].End <= clause.End && !IsPseudo(spans[k].Start, clause))
                {
                    return spans[k].Start;
                }
            }

            return clause.End;
        }

        /// <summary>Whether the phrase at [start, end) describes something happening now to someone.</summary>
        public bool IsCurrentFinding(TriageText.Clause clause, ClauseContext context, int start, int end)
        {
            if (IsNegated(clause, start) || (end < clause.End && AnyStartingAt(Cue.PostNegation, end)))
            {
                return false;
            }

            // "my chest pain last month was nothing, but now it's back and worse": an ending said before a stated
            // return does not end the finding.
            if (Any(Cue.Resolved, end, Math.Min(clause.End, end + 4)) && !StatedRecurrenceAfter(end))
            {
                return false;
            }

            if (context.HasPast && !context.HasCurrent && !StatedRecurrence())
            {
                return false;
            }

            if (MessageHas(Cue.ResolvedMessage) && !CurrentNear(clause) && ClauseInPastTense(clause))
            {
                return false;
            }

            var demonstrative = Any(Cue.Demonstrative, Math.Max(clause.Start, start - 3), start);
            var current = CurrentNear(clause);
            if (!demonstrative && !current && Any(Cue.Hypothetical, clause.Start, start))
            {
                return false;
            }

            if (context.InQuestion(start) && !current && !demonstrative && !IsOwned(clause, start, end))
            {
                return false;
            }

            return true;
        }

        private bool IsOwned(TriageText.Clause clause, int start, int end)
        {
            for (var k = Math.Max(clause.Start, start - OwnershipWindow); k < end; k++)
            {
                if (_lexicon.Cue.Ownership.Contains(_parsed.Tokens[k].Text))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsNegated(TriageText.Clause clause, int start)
        {
            var from = Math.Max(clause.Start, start - NegationWindow);
            var spans = _spans[(int)Cue.Negation];
            for (var k = FirstFrom(spans, from); k < spans.Count && spans[k].Start < start; k++)
            {
                if (spans[k].End <= start && !IsPseudo(spans[k].Start, clause))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsPseudo(int position, TriageText.Clause clause)
        {
            var spans = _spans[(int)Cue.PseudoNegation];
            for (var k = FirstFrom(spans, clause.Start); k < spans.Count && spans[k].Start <= position; k++)
            {
                if (position < spans[k].End)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A cue lying wholly inside [from, to).</summary>
        private bool Any(Cue kind, int from, int to)
        {
            var spans = _spans[(int)kind];
            for (var k = FirstFrom(spans, from); k < spans.Count && spans[k].Start < to; k++)
            {
                if (spans[k].End <= to)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The index of the first span starting at or after <paramref name="from"/> (spans are sorted by start).</summary>
        private static int FirstFrom(List<(int Start, int End)> spans, int from)
        {
            int low = 0, high = spans.Count;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (spans[mid].Start < from)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }

        private bool AnyStartingAt(Cue kind, int position)
        {
            var spans = _spans[(int)kind];
            var k = FirstFrom(spans, position);
            return k < spans.Count && spans[k].Start == position;
        }

        private bool Matches(int from, int to, IReadOnlyList<PhrasePattern> patterns)
        {
            for (var i = from; i < to; i++)
            {
                foreach (var pattern in patterns)
                {
                    if (pattern.MatchAt(_parsed.Tokens, i, to) > i)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
