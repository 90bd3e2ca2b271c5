using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Text;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Properties;

/// <summary>
/// Generators for the text-pipeline properties (issue 9, "Bounded input everywhere"): arbitrary Unicode with the
/// characters that have broken or fooled the pipeline over-represented, red-flag messages from the development
/// sets, disguises of them, and personal data embedded in arbitrary text.
/// </summary>
public static class TextGenerators
{
    /// <summary>The invisible characters a disguise inserts: zero-width space, non-joiner, joiner, soft hyphen, word joiner, BOM, bidi overrides, embeddings, marks and isolates.</summary>
    public static readonly char[] Invisibles =
    [
        '\u200B', '\u200C', '\u200D', '\u00AD', '\u2060', '\uFEFF', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
        '\u200E', '\u200F', '\u2066', '\u2067', '\u2068', '\u2069', '\u061C', '\u180E', '\u034F',
    ];

    private static readonly string[] Emoji = ["😷", "🤒", "❤️", "👍🏽", "👨‍👩‍👧", "🩸", "🌡️", "🇬🇧"];
    private static readonly string[] Words = ["my", "dad", "fever", "the", "what", "is", "marrow", "help", "hi", "ok", "38.5", "and", "it", "a"];

    /// <summary>Latin letter to the Cyrillic and Greek letters that imitate it.</summary>
    private static readonly Dictionary<char, char[]> LookAlikes = Confusables.All
        .Where(p => p.Value < 0x80).GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToArray());

    /// <summary>One piece of arbitrary text: any UTF-16 unit (lone surrogates and non-characters included), any code point, or a known troublemaker.</summary>
    private static Gen<string> Piece { get; } = Gen.Frequency(
        (4, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
        (2, Gen.Elements(Words).Select(w => w + " ")),
        (3, Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString())),
        (2, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)),
        (2, Gen.Elements(Invisibles).Select(c => c.ToString())),
        (1, Gen.Elements("\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uD83F\uDFFE", "\uFFFD")),
        (1, Gen.Choose(0, 0x1F).Select(c => ((char)c).ToString())),
        (1, Gen.Elements("\u007F", "\u0085", "\u2028", "\u2029", "\r\n", "\t", "\0")),
        (1, Gen.Elements(Emoji)),
        (1, Gen.Choose(0x0300, 0x036F).Select(c => ((char)c).ToString())),
        (1, Gen.Choose(0xFF01, 0xFF5E).Select(c => ((char)c).ToString())),
        (1, Gen.Choose(0x0400, 0x04FF).Select(c => ((char)c).ToString())),
        (1, Gen.Choose(0x0370, 0x03FF).Select(c => ((char)c).ToString())),
        (1, Gen.Choose(0x0590, 0x06FF).Select(c => ((char)c).ToString())));

    /// <summary>Arbitrary Unicode text of up to about 300 pieces.</summary>
    public static Gen<string> AnyText { get; } = Gen.Sized(size => Gen.Choose(0, Math.Max(1, size * 3)).SelectMany(n => Piece.ArrayOf(n)).Select(string.Concat));

    /// <summary>Arbitrary text of 2,000 to 30,000 characters: past the answering cap, and past the classifier's head.</summary>
    public static Gen<string> LongText { get; } =
        Gen.Choose(2_000, 30_000).SelectMany(length => Piece.ArrayOf(length / 2).Select(pieces => Truncate(string.Concat(pieces), length)));

    /// <summary>Messages the development sets label urgent or emergency (the held-out set stays unseen).</summary>
    public static IReadOnlyList<string> RedFlagMessages { get; } =
        new[] { "triage-set.json", "triage-dev2.json", "triage-dev3.json" }
            .SelectMany(TriageSet.Load)
            .Where(i => i.Expected >= TriageTier.Urgent)
            .Select(i => i.Text)
            .ToArray();

    /// <summary>Short red-flag statements to append to other text.</summary>
    public static readonly string[] RedFlagPhrases =
    [
        "My dad has collapsed and is not breathing.", "I have crushing chest pain.", "I've been vomiting blood.",
        "I want to kill myself.", "My temperature is 38.6.", "My gums won't stop bleeding.", "She's having a seizure right now.",
        "His lips are blue and he can't breathe.", "There's blood in my wee.", "temp 39.2 and shivering",
    ];

    public static Gen<string> RedFlagMessage { get; } = Gen.Elements(RedFlagMessages.ToArray());

    /// <summary>A red-flag message with 1 to 6 disguises: invisible characters inserted anywhere, and letters swapped for full-width forms or Cyrillic and Greek look-alikes.</summary>
    public static Gen<(string Original, string Disguised)> DisguisedRedFlag { get; } =
        from message in RedFlagMessage
        from count in Gen.Choose(1, 6)
        from edits in Gen.Zip(Gen.Choose(0, 2), Gen.Choose(0, int.MaxValue)).ArrayOf(count)
        from invisible in Gen.Elements(Invisibles).ArrayOf(count)
        select (message, Disguise(message, edits, invisible));

    /// <summary>A plausible e-mail address (local part with dots, pluses and digits; one to three domain labels).</summary>
    public static Gen<string> Email { get; } =
        from local in Label("abcdefghijklmnopqrstuvwxyz0123456789", 1, 12)
        from tag in Gen.Elements("", ".", "+", "_").SelectMany(sep => sep.Length == 0 ? Gen.Constant("") : Label("abcdefghij0123", 1, 6).Select(t => sep + t))
        from labels in Label("abcdefghijklmnopqrstuvwxyz0123456789", 1, 10).ArrayOf(1).SelectMany(first => Gen.Choose(0, 2).SelectMany(n => Label("abcdefghijklmnopqrstuvwxyz", 2, 8).ArrayOf(n)).Select(rest => first.Concat(rest)))
        from tld in Gen.Elements("com", "co.uk", "org", "nhs.net", "net", "fr", "io")
        select $"{local}{tag}@{string.Join('.', labels)}.{tld}";

    /// <summary>UK, US and international phone numbers in the formats people type them.</summary>
    public static Gen<string> Phone { get; } = Gen.OneOf(
        Digits(6).Select(d => $"07700 {d}"),
        Digits(6).Select(d => $"07{d[..3]}{d[3..]}123"),
        Digits(6).Select(d => $"07{d[..3]} {d[3..]}123"),
        Digits(4).Select(d => $"020 7946 {d}"),
        Digits(4).Select(d => $"0121 496 {d}"),
        Digits(6).Select(d => $"0800 {d}"),
        Digits(6).Select(d => $"+44 7700 {d}"),
        Digits(4).Select(d => $"+44 (0)20 7946 {d}"),
        Digits(4).Select(d => $"0044 20 7946 {d}"),
        Digits(4).Select(d => $"(555) 123-{d}"),
        Digits(4).Select(d => $"555-123-{d}"),
        Digits(4).Select(d => $"1-800-555-{d}"),
        Digits(4).Select(d => $"+1 555 123 {d}"),
        Digits(4).Select(d => $"+33 1 23 45 {d[..2]} {d[2..]}"));

    /// <summary>What may stand between a piece of personal data and the arbitrary text around it.</summary>
    public static Gen<string> Boundary { get; } = Gen.Elements(" ", "\n", ", ", ": ", " (", ") ", "; ", " - ", " \u200B", "\t");

    public static Arbitrary<T> Arb<T>(Gen<T> gen) => gen.ToArbitrary();

    private static Gen<string> Label(string alphabet, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.Elements(alphabet.ToCharArray()).ArrayOf(n)).Select(cs => new string(cs));

    private static Gen<string> Digits(int n) => Gen.Choose(0, 9).ArrayOf(n).Select(ds => string.Concat(ds));

    private static string Truncate(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        // Never end on half a surrogate pair by accident: lone surrogates come from the pieces on purpose.
        return char.IsHighSurrogate(text[length - 1]) && char.IsLowSurrogate(text[length]) ? text[..(length - 1)] : text[..length];
    }

    private static string Disguise(string message, (int Kind, int Where)[] edits, char[] invisibles)
    {
        var text = new StringBuilder(message);
        for (var k = 0; k < edits.Length; k++)
        {
            var (kind, where) = edits[k];
            var letters = Enumerable.Range(0, text.Length).Where(i => text[i] is >= '!' and <= '~').ToList();
            if (kind == 0 || letters.Count == 0)
            {
                text.Insert(where % (text.Length + 1), invisibles[k]);
                continue;
            }

            var at = letters[where % letters.Count];
            var c = text[at];
            if (kind == 1)
            {
                text[at] = (char)(c + 0xFEE0);
            }
            else if (LookAlikes.TryGetValue(c, out var alikes))
            {
                text[at] = alikes[where % alikes.Length];
            }
            else
            {
                text.Insert(where % (text.Length + 1), invisibles[k]);
            }
        }

        return text.ToString();
    }
}
