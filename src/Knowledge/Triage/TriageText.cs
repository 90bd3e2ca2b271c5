using System.Globalization;
using System.Text;

namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// A message split into normalised tokens (with their offsets in the original text) and clauses. Clauses end at
/// sentence punctuation, commas, and contrast words ("but", "though"), because a negation or a question covers
/// its own clause, not the whole message.
/// </summary>
public sealed class TriageText
{
    private static readonly HashSet<string> ClauseWords = new(StringComparer.Ordinal)
    {
        "but", "however", "although", "though", "whereas", "except", "otherwise", "mais", "pero", "ale", "aber",
    };

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "no", "not", "never", "none", "nothing", "without", "nor" };

    private TriageText(List<Token> tokens, List<Clause> clauses)
    {
        Tokens = tokens;
        Clauses = clauses;
    }

    public IReadOnlyList<Token> Tokens { get; }

    public IReadOnlyList<Clause> Clauses { get; }

    public static TriageText Parse(string text, IReadOnlyDictionary<string, string> spelling)
    {
        var tokens = new List<Token>();
        var clauses = new List<Clause>();
        var clauseStart = 0;
        var segmentStart = 0;

        void EndClause(bool question)
        {
            if (tokens.Count > clauseStart)
            {
                clauses.Add(new Clause(clauseStart, tokens.Count, question));
            }
            else if (question && clauses.Count > 0 && clauses[^1].End == tokens.Count)
            {
                clauses[^1] = clauses[^1] with { IsQuestion = true };
            }

            clauseStart = tokens.Count;
            segmentStart = tokens.Count;
        }

        var word = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                word.Clear();
                var numeric = char.IsDigit(c);
                var hasPoint = false;
                while (i < text.Length)
                {
                    var d = text[i];
                    if (char.IsLetterOrDigit(d) && char.IsDigit(d) == numeric)
                    {
                        word.Append(d);
                        i++;
                    }
                    else if (numeric && (d == '.' || d == ',') && i + 1 < text.Length && char.IsDigit(text[i + 1]) && !hasPoint)
                    {
                        word.Append('.');
                        hasPoint = true;
                        i++;
                    }
                    else if (!numeric && (d == '\'' || d == '\u2019') && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                    {
                        i++;
                    }
                    else if (!numeric && char.GetUnicodeCategory(d) == UnicodeCategory.NonSpacingMark)
                    {
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                var normalized = numeric ? word.ToString() : Fold(word.ToString());
                if (!numeric && ClauseWords.Contains(normalized))
                {
                    EndClause(question: false);
                    continue;
                }

                if (!numeric && spelling.TryGetValue(normalized, out var mapped))
                {
                    // A spelling entry may stand for several words ("haematuria" -> "blood in urine").
                    foreach (var part in mapped.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        tokens.Add(new Token(part, start, i - start, false));
                    }

                    continue;
                }

                tokens.Add(new Token(normalized, start, i - start, numeric));
                continue;
            }

            switch (c)
            {
                case '?':
                    EndClause(question: true);
                    break;
                case ',' when tokens.Count - segmentStart == 1 && !Negations.Contains(tokens[^1].Text):
                    // A lone word before a comma is usually one item of a list of describing words
                    // ("black, shiny, sticky poo"), so it stays with what follows.
                    segmentStart = tokens.Count;
                    break;
                case '.' or '!' or ';' or ',' or '\n' or '\r' or '\u2026':
                    EndClause(question: false);
                    break;
                case '-' or '\u2013' or '\u2014' when i > 0 && i + 1 < text.Length && char.IsWhiteSpace(text[i - 1]) && char.IsWhiteSpace(text[i + 1]):
                    EndClause(question: false);
                    break;
                case '°' or 'º':
                    tokens.Add(new Token("deg", i, 1, false));
                    break;
                case '£' or '$' or '€' or '¥' or '₹':
                    tokens.Add(new Token("currency", i, 1, false));
                    break;
                case '%':
                    tokens.Add(new Token("percent", i, 1, false));
                    break;
            }

            i++;
        }

        EndClause(question: false);
        return JoinNumberWords(tokens, clauses);
    }

    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
    };

    private static readonly Dictionary<string, int> Teens = new(StringComparer.Ordinal)
    {
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    /// <summary>
    /// Numbers written in words become number tokens ("thirty eight point six" → 38.6, "thirty-eight and a half" →
    /// 38.5, "a hundred and one" → 101), so that temperatures and durations read the same however they are typed.
    /// Only a run with a tens word or "hundred" is joined: a lone "one" or "ten" stays a word for the lexicon's phrases.
    /// </summary>
    private static TriageText JoinNumberWords(List<Token> tokens, List<Clause> clauses)
    {
        if (!tokens.Any(t => !t.IsNumber && (Tens.ContainsKey(t.Text) || t.Text == "hundred")))
        {
            return new TriageText(tokens, clauses);
        }

        var joined = new List<Token>(tokens.Count);
        var newIndex = new int[tokens.Count + 1];
        var i = 0;
        while (i < tokens.Count)
        {
            var end = ReadNumberWords(tokens, i, out var value);
            var boundary = clauses.FindIndex(c => c.Start > i && c.Start < end);
            if (end > i && boundary < 0)
            {
                var last = tokens[end - 1];
                for (var k = i; k < end; k++)
                {
                    newIndex[k] = joined.Count;
                }

                joined.Add(new Token(value.ToString(CultureInfo.InvariantCulture), tokens[i].Start, last.Start + last.Length - tokens[i].Start, true));
                i = end;
                continue;
            }

            newIndex[i] = joined.Count;
            joined.Add(tokens[i]);
            i++;
        }

        newIndex[tokens.Count] = joined.Count;
        var remapped = clauses.ConvertAll(c => c with { Start = newIndex[c.Start], End = c.End == tokens.Count ? joined.Count : newIndex[c.End] });
        return new TriageText(joined, remapped);
    }

    /// <summary>The end of a run of number words starting at <paramref name="i"/> with a tens word or "hundred", or <paramref name="i"/>.</summary>
    private static int ReadNumberWords(List<Token> tokens, int i, out double value)
    {
        value = 0;
        string? At(int k) => k < tokens.Count && !tokens[k].IsNumber ? tokens[k].Text : null;
        var k = i;
        var whole = 0;
        var significant = false;
        if ((At(k) is "a" or "one") && At(k + 1) == "hundred")
        {
            k++;
        }

        if (At(k) == "hundred")
        {
            whole = 100;
            significant = true;
            k++;
            if (At(k) == "and" && (At(k + 1) is { } w && (Units.ContainsKey(w) || Teens.ContainsKey(w) || Tens.ContainsKey(w))))
            {
                k++;
            }
        }

        if (At(k) is { } tens && Tens.TryGetValue(tens, out var t))
        {
            whole += t;
            significant = true;
            k++;
            if (At(k) is { } unit && Units.TryGetValue(unit, out var u))
            {
                whole += u;
                k++;
            }
        }
        else if (significant && At(k) is { } small && (Units.TryGetValue(small, out var u) || Teens.TryGetValue(small, out u)))
        {
            whole += u;
            k++;
        }

        if (!significant)
        {
            return i;
        }

        value = whole;
        if (At(k) == "point" && At(k + 1) is { } digit && (Units.TryGetValue(digit, out var tenth) || digit is "zero" or "oh" or "o"))
        {
            value = whole + (tenth / 10.0);
            k += 2;
        }
        else if (At(k) == "and" && At(k + 1) == "a" && At(k + 2) == "half")
        {
            value = whole + 0.5;
            k += 3;
        }

        return k;
    }

    /// <summary>Lower case without accents ("fièvre" → "fievre", "ł" → "l").</summary>
    private static string Fold(string word)
    {
        var lower = word.ToLowerInvariant();
        if (System.Text.Ascii.IsValid(lower))
        {
            return lower;
        }

        var decomposed = lower.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(ch switch { 'ł' => 'l', 'ı' => 'i', 'ß' => 's', 'ø' => 'o', 'æ' => 'a', 'œ' => 'o', _ => ch });
            }
        }

        return builder.ToString();
    }

    /// <summary>One word or number: its normalised form and its place in the original text.</summary>
    public readonly record struct Token(string Text, int Start, int Length, bool IsNumber);

    /// <summary>Tokens [Start, End) of one clause.</summary>
    public readonly record struct Clause(int Start, int End, bool IsQuestion);
}
