namespace MarrowBot.Knowledge.Embeddings;

/// <summary>
/// Cuts a message into what a sentence encoder reads well: the whole of a short message, or the clauses of a long
/// one (sentences, then commas and conjunctions), each within the encoder's input limit and at most a given number.
/// </summary>
public static class EmbeddingText
{
    /// <summary>Longest piece given to the encoder at once: about 128 word pieces, well inside the models' 256/512 limits.</summary>
    public const int MaxPieceChars = 480;

    private static readonly char[] SentenceBreaks = ['.', '?', '!', '\n', ';'];

    /// <summary>The pieces of <paramref name="text"/> to embed, in order; never empty (an empty text is one empty piece).</summary>
    public static IReadOnlyList<string> Pieces(string? text, int maxPieces)
    {
        text = (text ?? string.Empty).Trim();
        if (text.Length <= MaxPieceChars)
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

        return pieces.Count > 0 ? pieces : [text[..MaxPieceChars]];
    }

    /// <summary>A sentence as pieces of at most <see cref="MaxPieceChars"/>, cut at a comma or a space.</summary>
    private static IEnumerable<string> Within(string sentence)
    {
        var rest = sentence.AsMemory();
        while (rest.Length > MaxPieceChars)
        {
            var span = rest.Span[..MaxPieceChars];
            var cut = span.LastIndexOf(',');
            cut = cut > MaxPieceChars / 3 ? cut : span.LastIndexOf(' ');
            cut = cut > 0 ? cut : MaxPieceChars;
            if (char.IsHighSurrogate(span[cut - 1]))
            {
                cut--;
            }

            yield return rest[..cut].ToString().Trim();
            rest = rest[cut..].TrimStart([',', ' ']);
        }

        if (rest.Length > 0)
        {
            yield return rest.ToString();
        }
    }
}
