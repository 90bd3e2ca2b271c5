using System.Text.RegularExpressions;
using MarrowBot.Knowledge.Text;

namespace MarrowBot.Knowledge.Answering;

/// <summary>
/// Yes/no questions and the yes/no openers of answers. An answer written for "is it genetic?" opens "Yes, ...";
/// given to "can my kids inherit it?" the "Yes" would answer a question the article does not answer, so the
/// opener is taken off and the rest of the answer, which states what the article says, stays.
/// </summary>
public static partial class PolarOpener
{
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "is", "are", "am", "was", "were", "can", "could", "does", "do", "did", "will", "would", "should", "shall", "has", "have", "had", "may", "might", "isnt", "arent", "cant", "doesnt", "dont", "wont",
    };

    /// <summary>Whether the question (or its last sentence) starts with an auxiliary verb: "is it cancer", "can my kids inherit it".</summary>
    public static bool IsPolarQuestion(string text)
    {
        var last = (text ?? string.Empty).Split(['.', '!', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
        var first = TextNormalizer.Tokenize(last.ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal)).FirstOrDefault();
        return first is not null && Auxiliaries.Contains(first);
    }

    /// <summary>The answer without a leading "Yes."/"No,"/"Yes, it can."/"Not quite." (the next sentence capitalised).</summary>
    public static string Strip(string answer)
    {
        var match = Opener().Match(answer);
        if (!match.Success || match.Length >= answer.Length)
        {
            return answer;
        }

        var rest = answer[match.Length..];
        return char.ToUpperInvariant(rest[0]) + rest[1..];
    }

    [GeneratedRegex(@"^(?:(?:yes|no)(?:,\s*(?:it|they|that|you|there)\s+(?:can|does|do|has|have|is|are|will|may|might)(?:\s+not|n't)?\s*[.!]|[.!,])|not quite[.!,])\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Opener();
}
