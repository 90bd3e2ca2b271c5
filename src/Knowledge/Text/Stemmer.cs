namespace MarrowBot.Knowledge.Text;

/// <summary>
/// A deliberately light suffix stripper ("infections" → "infection", "bruising" → "bruis", "tired" → "tir").
/// Retrieval only needs question and passage words to meet; a full Porter stemmer would buy little here.
/// </summary>
public static class Stemmer
{
    private static readonly string[] Suffixes = ["ations", "ation", "ings", "ing", "ness", "ies", "ied", "es", "ed", "ly", "s"];

    public static string Stem(string word)
    {
        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}
