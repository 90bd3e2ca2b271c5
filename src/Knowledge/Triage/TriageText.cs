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
        return new TriageText(tokens, clauses);
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
