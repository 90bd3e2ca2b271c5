using System.Globalization;
using System.Text;

namespace MarrowBot.Knowledge.Text;

/// <summary>
/// Puts text into one canonical form before any model sees it: lower case, American spelling, common misspellings
/// corrected, punctuation as spaces. Patients type "anaemia", "haemoglobin", "marow" and "tierd"; the classifier and
/// the retrieval index should not have to learn each spelling separately. Text is folded first (<see cref="TextFolder"/>),
/// so disguised or malformed characters can neither hide a word nor make normalisation throw.
/// </summary>
public static class TextNormalizer
{
    // British to American spelling and frequent misspellings, by whole word. Kept short and readable on purpose:
    // character n-grams in the classifier absorb the long tail of typos.
    private static readonly Dictionary<string, string> WordMap = new(StringComparer.Ordinal)
    {
        ["anaemia"] = "anemia",
        ["anaemic"] = "anemic",
        ["anemea"] = "anemia",
        ["anaemea"] = "anemia",
        ["haemoglobin"] = "hemoglobin",
        ["haematology"] = "hematology",
        ["haematologist"] = "hematologist",
        ["haemorrhage"] = "hemorrhage",
        ["leukaemia"] = "leukemia",
        ["diarrhoea"] = "diarrhea",
        ["paediatric"] = "pediatric",
        ["tumour"] = "tumor",
        ["tumours"] = "tumors",
        ["specialised"] = "specialized",
        ["specialise"] = "specialize",
        ["organised"] = "organized",
        ["realise"] = "realize",
        ["marow"] = "marrow",
        ["marrrow"] = "marrow",
        ["morrow"] = "marrow",
        ["bonemarrow"] = "bone marrow",
        ["tierd"] = "tired",
        ["tird"] = "tired",
        ["exausted"] = "exhausted",
        ["exhaused"] = "exhausted",
        ["infectons"] = "infections",
        ["infecions"] = "infections",
        ["infectoins"] = "infections",
        ["brusing"] = "bruising",
        ["bruseing"] = "bruising",
        ["breathe"] = "breath",
        ["platlets"] = "platelets",
        ["plateletts"] = "platelets",
        ["geneticly"] = "genetically",
        ["wat"] = "what",
        ["whats"] = "what is",
        ["wot"] = "what",
        ["u"] = "you",
        ["ur"] = "your",
        ["r"] = "are",
        ["y"] = "why",
        ["pls"] = "please",
        ["plz"] = "please",
        ["thx"] = "thanks",
        ["ty"] = "thank you",
        ["cuz"] = "because",
        ["coz"] = "because",
    };

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // Folding (NFKC, invisible characters dropped, Latin look-alikes made Latin) never throws, whatever the text.
        var folded = TextFolder.ForMatching(text).ToLower(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(folded.Length);
        foreach (var word in Tokenize(folded))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(WordMap.TryGetValue(word, out var mapped) ? mapped : word);
        }

        return builder.ToString();
    }

    /// <summary>Splits lower-cased text into words of letters and digits; apostrophes inside words are dropped ("don't" → "dont").</summary>
    public static IEnumerable<string> Tokenize(string text)
    {
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if ((c == '\'' || c == '\u2019') && current.Length > 0)
            {
                continue;
            }
            else if (current.Length > 0)
            {
                yield return current.ToString();
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
