using System.Globalization;
using System.Text;

namespace MarrowBot.Knowledge.Text;

/// <summary>
/// Folds a message for matching, so that what looks the same to a reader matches the same
/// (docs/decisions/0012-text-folding-and-bounded-input.md): Unicode NFKC (full-width letters, ligatures, no-break
/// spaces, "℃"); invisible characters dropped (format characters such as zero-width spaces, joiners, the soft hyphen,
/// the BOM, bidirectional overrides and isolates; variation selectors, fillers, controls other than tab and line
/// breaks, non-characters, lone surrogates and U+FFFD); and Cyrillic or Greek letters that imitate Latin ones made
/// Latin inside words that are otherwise Latin. A word wholly of look-alikes is made Latin too unless the message
/// shows genuine Cyrillic or Greek text (a letter of those scripts that imitates nothing Latin), so real Russian or
/// Greek keeps its letters. Triage and classification read the folded text; the original is what is shown and stored.
/// Pure, thread-safe, linear in the length, and never throws.
/// </summary>
public static class TextFolder
{
    /// <summary>The folded text alone, for callers that need no offsets.</summary>
    public static string ForMatching(string? text) => Fold(text).Text;

    /// <summary>Folds <paramref name="text"/> and keeps, for each folded character, where it came from.</summary>
    public static FoldedText Fold(string? text)
    {
        text ??= string.Empty;
        if (IsPlainAscii(text))
        {
            return new FoldedText(text, text, null, null);
        }

        var builder = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        var unit = new StringBuilder();
        Span<char> pair = stackalloc char[2];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80 && (i + 1 == text.Length || text[i + 1] < 0x80))
            {
                // ASCII not followed by a combining character is already in NFKC.
                if (!IsInvisibleAscii(c))
                {
                    builder.Append(c);
                    starts.Add(i);
                    ends.Add(i + 1);
                }

                i++;
                continue;
            }

            // One user-perceived character (a base and its marks, an emoji sequence) at a time, so each folded
            // character maps back to the character the person typed.
            var length = Math.Max(1, StringInfo.GetNextTextElementLength(text.AsSpan(i)));
            unit.Clear();
            AppendVisible(text.AsSpan(i, length), unit);
            if (unit.Length > 0)
            {
                var normalized = NormalizeKc(unit.ToString());
                foreach (var folded in normalized.EnumerateRunes())
                {
                    if (!IsInvisible(folded))
                    {
                        var written = folded.EncodeToUtf16(pair);
                        builder.Append(pair[..written]);
                        for (var n = 0; n < written; n++)
                        {
                            starts.Add(i);
                            ends.Add(i + length);
                        }
                    }
                }
            }

            i += length;
        }

        MakeLookAlikesLatin(builder);
        return new FoldedText(text, builder.ToString(), [.. starts], [.. ends]);
    }

    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x7F || (c < 0x20 && c is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInvisibleAscii(char c) => c == 0x7F || (c < 0x20 && c is not ('\t' or '\n' or '\r'));

    /// <summary>Appends the visible code points of one text element; surrogates stay in pairs.</summary>
    private static void AppendVisible(ReadOnlySpan<char> element, StringBuilder into)
    {
        var k = 0;
        while (k < element.Length)
        {
            if (Rune.DecodeFromUtf16(element[k..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done
                && !IsInvisible(rune))
            {
                into.Append(element.Slice(k, consumed));
            }

            k += consumed;
        }
    }

    private static string NormalizeKc(string unit)
    {
        try
        {
            return unit.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Only well-formed characters reach here; should ICU still refuse one, match on it unnormalised.
            return unit;
        }
    }

    /// <summary>Characters that draw nothing (or only a replacement box) and so can hide inside a word.</summary>
    private static bool IsInvisible(Rune rune)
    {
        var v = rune.Value;
        if (v < 0x80)
        {
            return IsInvisibleAscii((char)v);
        }

        if (UnicodeSanitizer.IsNonCharacter(v) || v == UnicodeSanitizer.Replacement)
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.Surrogate)
        {
            // U+0085 (next line) is a line break, not an invisible letter.
            return v != 0x85;
        }

        // Default-ignorable code points that are not format characters (Unicode DerivedCoreProperties).
        return v is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or (>= 0x180B and <= 0x180F) or 0x3164
            or (>= 0xFE00 and <= 0xFE0F) or 0xFFA0 or (>= 0xE0100 and <= 0xE01EF) or (>= 0xE0000 and <= 0xE0FFF);
    }

    /// <summary>Latin look-alikes made Latin, word by word (letters and combining marks make a word).</summary>
    private static void MakeLookAlikesLatin(StringBuilder text)
    {
        var genuineScript = false;
        var anyLookAlike = false;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (Confusables.IsCyrillicOrGreek(c) && char.IsLetter(c))
            {
                if (Confusables.TryGetLatin(c, out _))
                {
                    anyLookAlike = true;
                }
                else
                {
                    genuineScript = true;
                }
            }
        }

        if (!anyLookAlike)
        {
            return;
        }

        var start = 0;
        while (start < text.Length)
        {
            if (!IsWordChar(text[start]))
            {
                start++;
                continue;
            }

            var end = start;
            var latin = false;
            var lookAlikes = 0;
            var others = 0;
            for (; end < text.Length && IsWordChar(text[end]); end++)
            {
                var c = text[end];
                if (Confusables.IsLatin(c))
                {
                    latin = true;
                }
                else if (Confusables.TryGetLatin(c, out _))
                {
                    lookAlikes++;
                }
                else if (char.IsLetter(c))
                {
                    others++;
                }
            }

            if (lookAlikes > 0 && (latin || (others == 0 && !genuineScript)))
            {
                for (var k = start; k < end; k++)
                {
                    if (Confusables.TryGetLatin(text[k], out var mapped))
                    {
                        text[k] = mapped;
                    }
                }
            }

            start = end;
        }
    }

    private static bool IsWordChar(char c) =>
        char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
