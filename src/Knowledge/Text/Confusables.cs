namespace MarrowBot.Knowledge.Text;

/// <summary>
/// Cyrillic and Greek letters that look like Latin ones, each with the Latin letter it imitates: a subset of
/// Unicode's confusables.txt (UTS #39) limited to letters drawn the same in common fonts, plus a few that a
/// person disguising a word would still reach for (Greek ε, γ, ω). One character to one character, so folding
/// keeps every offset.
/// </summary>
public static class Confusables
{
    private static readonly Dictionary<char, char> Map = new()
    {
        // Cyrillic lower case.
        ['а'] = 'a', ['е'] = 'e', ['ё'] = 'ë', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x',
        ['к'] = 'k', ['і'] = 'i', ['ї'] = 'ï', ['ј'] = 'j', ['ѕ'] = 's', ['һ'] = 'h', ['ԁ'] = 'd', ['ԛ'] = 'q',
        ['ԝ'] = 'w', ['ӏ'] = 'l', ['ԍ'] = 'g', ['ѵ'] = 'v',

        // Cyrillic upper case.
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['Ё'] = 'Ë', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O',
        ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T', ['Х'] = 'X', ['У'] = 'Y', ['І'] = 'I', ['Ї'] = 'Ï', ['Ј'] = 'J',
        ['Ѕ'] = 'S', ['Һ'] = 'H', ['Ԛ'] = 'Q', ['Ԝ'] = 'W', ['Ӏ'] = 'I', ['Ѵ'] = 'V',

        // Greek lower case.
        ['α'] = 'a', ['ο'] = 'o', ['ρ'] = 'p', ['ν'] = 'v', ['ι'] = 'i', ['κ'] = 'k', ['υ'] = 'u', ['χ'] = 'x',
        ['ε'] = 'e', ['γ'] = 'y', ['ω'] = 'w', ['ϲ'] = 'c', ['ς'] = 'c', ['ϵ'] = 'e', ['ϳ'] = 'j', ['τ'] = 't',

        // Greek upper case.
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M',
        ['Ν'] = 'N', ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X', ['Ϲ'] = 'C', ['Ϳ'] = 'J',
    };

    /// <summary>Every look-alike and the Latin letter it imitates (for tests and documentation).</summary>
    public static IReadOnlyDictionary<char, char> All => Map;

    public static bool TryGetLatin(char c, out char latin) => Map.TryGetValue(c, out latin);

    /// <summary>A letter of the Cyrillic or Greek script (including the extended blocks).</summary>
    public static bool IsCyrillicOrGreek(char c) =>
        c is (>= '\u0370' and <= '\u03FF') or (>= '\u0400' and <= '\u052F') or (>= '\u1C80' and <= '\u1C8F')
            or (>= '\u1F00' and <= '\u1FFF') or (>= '\u2DE0' and <= '\u2DFF') or (>= '\uA640' and <= '\uA69F');

    /// <summary>A letter of the Latin script: ASCII, full-width, Latin-1, Latin Extended-A/B, IPA and Latin Extended Additional.</summary>
    public static bool IsLatin(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '\uFF21' and <= '\uFF3A') or (>= '\uFF41' and <= '\uFF5A')
        || (char.IsLetter(c) && c is (>= '\u00C0' and <= '\u02AF') or (>= '\u1E00' and <= '\u1EFF'));
}
