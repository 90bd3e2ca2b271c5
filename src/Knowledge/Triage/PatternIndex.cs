namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// Patterns indexed by the word they start with, so that each token only tries the few patterns that can begin
/// there (the triage budget is a fraction of a millisecond per message). Prefix words ("bleed*") are found by
/// looking up each leading substring of the token.
/// </summary>
public sealed class PatternIndex<T>
{
    private readonly Dictionary<string, List<(PhrasePattern Pattern, T Value)>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(PhrasePattern Pattern, T Value)>> _prefix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(PhrasePattern Pattern, T Value)>>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private readonly int _longestPrefix;

    public PatternIndex(IEnumerable<(PhrasePattern Pattern, T Value)> entries)
    {
        foreach (var (pattern, value) in entries)
        {
            foreach (var word in pattern.FirstWords)
            {
                var (map, key) = word.EndsWith('*') ? (_prefix, word[..^1]) : (_exact, word);
                if (!map.TryGetValue(key, out var list))
                {
                    map[key] = list = [];
                }

                list.Add((pattern, value));
            }
        }

        _prefixLookup = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
        _longestPrefix = _prefix.Count == 0 ? 0 : _prefix.Keys.Max(k => k.Length);
    }

    public static PatternIndex<T> Of(IEnumerable<PhrasePattern> patterns, T value) => new(patterns.Select(p => (p, value)));

    /// <summary>Calls <paramref name="onMatch"/> for every pattern matching at each token of [from, to).</summary>
    public void MatchAll(IReadOnlyList<TriageText.Token> tokens, int from, int to, IReadOnlySet<int>? blocked, Action<int, int, T> onMatch)
    {
        for (var i = from; i < to; i++)
        {
            if (blocked is not null && blocked.Contains(i))
            {
                continue;
            }

            var text = tokens[i].Text;
            if (tokens[i].IsNumber && _exact.TryGetValue("#", out var numbers))
            {
                Try(numbers, tokens, i, to, blocked, onMatch);
            }

            if (_exact.TryGetValue(text, out var exact))
            {
                Try(exact, tokens, i, to, blocked, onMatch);
            }

            var longest = Math.Min(_longestPrefix, text.Length);
            for (var length = 0; length <= longest; length++)
            {
                if (_prefixLookup.TryGetValue(text.AsSpan(0, length), out var prefixed))
                {
                    Try(prefixed, tokens, i, to, blocked, onMatch);
                }
            }
        }
    }

    private static void Try(List<(PhrasePattern Pattern, T Value)> candidates, IReadOnlyList<TriageText.Token> tokens, int i, int to, IReadOnlySet<int>? blocked, Action<int, int, T> onMatch)
    {
        foreach (var (pattern, value) in candidates)
        {
            var end = pattern.MatchAt(tokens, i, to, blocked);
            if (end > i)
            {
                onMatch(i, end, value);
            }
        }
    }
}
