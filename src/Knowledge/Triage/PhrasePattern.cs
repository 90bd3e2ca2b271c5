namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// A compiled lexicon pattern (syntax in data/triage-rules.json): groups separated by "~N" gaps; a group lists
/// alternatives separated by "|"; an alternative is one or more words, any of which may end in "*" (prefix);
/// the word "#" matches any number.
/// </summary>
public sealed class PhrasePattern
{
    private readonly Group[] _groups;

    private PhrasePattern(string source, Group[] groups)
    {
        Source = source;
        _groups = groups;
    }

    public string Source { get; }

    /// <summary>The words this pattern can start with; a word ending in "*" is a prefix.</summary>
    public IEnumerable<string> FirstWords => _groups[0].Alternatives.Select(a => a[0]).Distinct(StringComparer.Ordinal);

    public static PhrasePattern Parse(string source)
    {
        var groups = new List<Group>();
        var gap = 0;
        var pendingWords = new List<string>();

        void Flush()
        {
            if (pendingWords.Count == 0)
            {
                return;
            }

            var alternatives = string.Join(' ', pendingWords).Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToArray();
            groups.Add(new Group(gap, alternatives));
            pendingWords.Clear();
        }

        foreach (var part in source.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith('~') && int.TryParse(part.AsSpan(1), out var n))
            {
                Flush();
                gap = n;
            }
            else
            {
                pendingWords.Add(part);
            }
        }

        Flush();
        if (groups.Count == 0 || groups.Any(g => g.Alternatives.Length == 0))
        {
            throw new FormatException($"empty pattern '{source}'");
        }

        groups[0] = groups[0] with { GapBefore = 0 };
        return new PhrasePattern(source, groups.ToArray());
    }

    /// <summary>Matches starting exactly at token <paramref name="start"/> within [start, end); returns the end (exclusive) or -1.</summary>
    public int MatchAt(IReadOnlyList<TriageText.Token> tokens, int start, int end, IReadOnlySet<int>? blocked = null) =>
        MatchGroup(tokens, 0, start, end, blocked);

    private int MatchGroup(IReadOnlyList<TriageText.Token> tokens, int groupIndex, int position, int end, IReadOnlySet<int>? blocked)
    {
        if (groupIndex == _groups.Length)
        {
            return position;
        }

        var group = _groups[groupIndex];
        for (var skip = 0; skip <= group.GapBefore && position + skip < end; skip++)
        {
            foreach (var alternative in group.Alternatives)
            {
                var after = MatchWords(tokens, alternative, position + skip, end, blocked);
                if (after >= 0)
                {
                    var result = MatchGroup(tokens, groupIndex + 1, after, end, blocked);
                    if (result >= 0)
                    {
                        return result;
                    }
                }
            }
        }

        return -1;
    }

    private static int MatchWords(IReadOnlyList<TriageText.Token> tokens, string[] words, int position, int end, IReadOnlySet<int>? blocked)
    {
        if (position + words.Length > end)
        {
            return -1;
        }

        for (var k = 0; k < words.Length; k++)
        {
            var token = tokens[position + k];
            if ((blocked is not null && blocked.Contains(position + k)) || !(words[k] == "#" ? token.IsNumber : WordMatches(words[k], token.Text)))
            {
                return -1;
            }
        }

        return position + words.Length;
    }

    private static bool WordMatches(string word, string token) =>
        word.EndsWith('*') ? token.StartsWith(word.AsSpan(0, word.Length - 1), StringComparison.Ordinal) : string.Equals(word, token, StringComparison.Ordinal);

    private sealed record Group(int GapBefore, string[][] Alternatives);
}
