using System.Globalization;

namespace MarrowBot.Knowledge.Embeddings;

/// <summary>
/// Cuts a message into what a sentence encoder reads well: the whole of a short message, or the clauses of a long
/// one (sentences, then commas and spaces), each within the encoder's input limit and at most a given number.
/// </summary>
/// <remarks>
/// Two bounds hold for every piece. A hard one: at most <see cref="MaxPieceChars"/> characters, and a word piece
/// never covers less than one character, so a piece is at most 482 tokens with [CLS] and [SEP], inside the
/// 512 positions both models have. A soft one: at most <see cref="MaxPieceTokens"/> estimated word pieces, so a
/// flood of punctuation or symbols (each its own word piece) stays within the 256 MiniLM was trained on instead
/// of costing the encoder twice as long. Ordinary sentences come to well under the estimate at 480 characters
/// (about 100 real word pieces), so only such floods are cut sooner.
/// </remarks>
public static class EmbeddingText
{
    /// <summary>Longest piece given to the encoder at once: about 100 word pieces of ordinary text.</summary>
    public const int MaxPieceChars = 480;

    /// <summary>Most word pieces a piece is estimated to hold: MiniLM's 256, less [CLS] and [SEP].</summary>
    public const int MaxPieceTokens = 254;

    private static readonly char[] SentenceBreaks = ['.', '?', '!', '\n', ';'];

    private static readonly HashSet<string> QuestionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "whats", "when", "why", "how", "hows", "is", "are", "can", "could", "should", "would", "does", "do", "did", "will", "which", "who", "where", "any",
    };

    /// <summary>The pieces of <paramref name="text"/> to embed, in order; never empty (an empty text is one empty piece).</summary>
    public static IReadOnlyList<string> Pieces(string? text, int maxPieces)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPieces, 1);
        text = (text ?? string.Empty).Trim();
        if (Limit(text) == text.Length)
        {
            return [text];
        }

        var pieces = new List<string>();
        foreach (var sentence in text.Split(SentenceBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var piece in Within(sentence))
            {
                pieces.Add(piece);
                if (pieces.Count == maxPieces)
                {
                    return pieces;
                }
            }
        }

        // Nothing but sentence breaks (a long "?????"): its opening, within the bounds.
        return pieces.Count > 0 ? pieces : [text[..Cut(text, Limit(text))]];
    }

    /// <summary>
    /// The pieces of a message to embed for answer selection within <paramref name="maxTokens"/> estimated word
    /// pieces: those of <see cref="Pieces"/> when they fit; else the sentences that look like the question (ending in
    /// "?" or opening with a question word) first, then the one just before each (what the question is about), then
    /// the first sentence, then the last, then the others in order,
    /// each taken while it fits (the first one taken is cut to fit if it must), in the order of the text.
    /// </summary>
    public static IReadOnlyList<string> Selected(string? text, int maxTokens, int maxPieces)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPieces, 1);
        text = (text ?? string.Empty).Trim();
        if (EstimatedTokens(text) <= maxTokens)
        {
            return Pieces(text, maxPieces);
        }

        var candidates = new List<(string Piece, bool Question)>();
        foreach (var (sentence, question) in Sentences(text))
        {
            candidates.AddRange(Within(sentence).Select(p => (p, question)));
        }

        if (candidates.Count == 0)
        {
            return [Head(text, maxTokens)];
        }

        var order = Enumerable.Range(0, candidates.Count)
            .OrderBy(i => candidates[i].Question ? 0
                : i + 1 < candidates.Count && candidates[i + 1].Question ? 1
                : i == 0 ? 2
                : i == candidates.Count - 1 ? 3
                : 4)
            .ThenBy(i => i);
        var taken = new SortedDictionary<int, string>();
        var left = maxTokens;
        foreach (var i in order)
        {
            var piece = candidates[i].Piece;
            var tokens = EstimatedTokens(piece);
            if (tokens > left && taken.Count == 0)
            {
                piece = Head(piece, left);
                tokens = EstimatedTokens(piece);
            }

            if (tokens <= left && piece.Length > 0)
            {
                taken[i] = piece;
                left -= tokens;
                if (taken.Count == maxPieces)
                {
                    break;
                }
            }
        }

        return taken.Count > 0 ? [.. taken.Values] : [Head(text, maxTokens)];
    }

    /// <summary>The opening of <paramref name="text"/> within <paramref name="maxTokens"/> estimated word pieces, cut at a space where there is one.</summary>
    public static string Head(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = 0;
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            tokens += Weigh(text[i], ref run);
            if (tokens > maxTokens)
            {
                var space = text.LastIndexOf(' ', Math.Max(i - 1, 0));
                return text[..Cut(text, space > 0 ? space : Math.Max(i, 1))].Trim();
            }
        }

        return text;
    }

    /// <summary>Whether a sentence looks like a question: it ended in "?" or opens with a question word.</summary>
    public static bool LooksLikeQuestion(string sentence, bool endedInQuestionMark)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (endedInQuestionMark)
        {
            return true;
        }

        var start = 0;
        while (start < sentence.Length && !char.IsLetter(sentence[start]))
        {
            start++;
        }

        var end = start;
        while (end < sentence.Length && (char.IsLetter(sentence[end]) || sentence[end] is '\'' or '\u2019'))
        {
            end++;
        }

        return QuestionWords.Contains(sentence[start..end].Replace("'", string.Empty, StringComparison.Ordinal).Replace("\u2019", string.Empty, StringComparison.Ordinal));
    }

    /// <summary>
    /// A rough count of word pieces: each digit, punctuation mark, symbol or control character is one; a run of
    /// letters is one per three characters (English word pieces average four or more).
    /// </summary>
    public static int EstimatedTokens(ReadOnlySpan<char> text)
    {
        var tokens = 0;
        var run = 0;
        foreach (var c in text)
        {
            tokens += Weigh(c, ref run);
        }

        return tokens;
    }

    /// <summary>The sentences of <paramref name="text"/> (split as <see cref="Pieces"/> splits them), each with whether it looks like a question.</summary>
    private static IEnumerable<(string Sentence, bool Question)> Sentences(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOfAny(SentenceBreaks, start);
            var stop = end < 0 ? text.Length : end;
            var sentence = text[start..stop].Trim();
            if (sentence.Length > 0)
            {
                yield return (sentence, LooksLikeQuestion(sentence, end >= 0 && text[end] == '?'));
            }

            start = stop + 1;
        }
    }

    /// <summary>A sentence as pieces within both bounds, cut at a comma or a space.</summary>
    private static IEnumerable<string> Within(string sentence)
    {
        var rest = sentence.AsMemory();
        while (Limit(rest.Span) is var limit && limit < rest.Length)
        {
            var span = rest.Span[..limit];
            var cut = span.LastIndexOf(',');
            cut = cut > limit / 3 ? cut : span.LastIndexOf(' ');
            cut = Cut(rest.Span, cut > 0 ? cut : limit);
            var piece = rest[..cut].ToString().Trim();
            if (piece.Length > 0)
            {
                yield return piece;
            }

            rest = rest[cut..].TrimStart([',', ' ']);
        }

        if (rest.Length > 0)
        {
            yield return rest.ToString();
        }
    }

    /// <summary>How many leading characters of <paramref name="text"/> fit both bounds (at least one, for a non-empty text).</summary>
    private static int Limit(ReadOnlySpan<char> text)
    {
        var tokens = 0;
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            tokens += Weigh(text[i], ref run);
            if (i == MaxPieceChars || (tokens > MaxPieceTokens && i > 0))
            {
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>Moves a cut off the middle of a surrogate pair, never to the very start.</summary>
    private static int Cut(ReadOnlySpan<char> text, int cut) =>
        cut > 1 && cut < text.Length && char.IsHighSurrogate(text[cut - 1]) && char.IsLowSurrogate(text[cut]) ? cut - 1 : cut;

    private static int Weigh(char c, ref int run)
    {
        if (char.IsWhiteSpace(c))
        {
            run = 0;
            return 0;
        }

        if (char.IsDigit(c))
        {
            run = 0;
            return 1; // numbers split into short pieces
        }

        if (char.IsLetter(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
        {
            return run++ % 3 == 0 ? 1 : 0;
        }

        run = 0;
        return 1;
    }
}
