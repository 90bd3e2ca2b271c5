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

        var (folded, starts, ends) = FoldOnce(text);

        // Rarely, one pass leaves something a second would change (a look-alike made Latin before a combining
        // mark that now composes with it); fold again until nothing changes, so folding is idempotent.
        for (var pass = 0; pass < 3 && !IsFixedPoint(folded); pass++)
        {
            var (again, innerStarts, innerEnds) = FoldOnce(folded);
            var composedStarts = new int[again.Length];
            var composedEnds = new int[again.Length];
            for (var k = 0; k < again.Length; k++)
            {
                composedStarts[k] = starts[innerStarts[k]];
                composedEnds[k] = ends[innerEnds[k] - 1];
            }

            (folded, starts, ends) = (again, composedStarts, composedEnds);
        }

        return new FoldedText(text, folded, starts, ends);
    }

    /// <summary>
    /// One pass: invisible characters dropped; look-alikes made Latin; NFKC one user-perceived character (a base
    /// and its marks, an emoji sequence) at a time, so each folded character maps back to what the person typed;
    /// look-alikes made Latin again (NFKC can produce some, such as final sigma from the lunate sigma).
    /// </summary>
    private static (string Text, int[] Starts, int[] Ends) FoldOnce(string text)
    {
        var visible = new StringBuilder(text.Length);
        var visibleStarts = new List<int>(text.Length);
        var visibleEnds = new List<int>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done && !IsInvisible(rune))
            {
                visible.Append(text, i, consumed);
                for (var n = 0; n < consumed; n++)
                {
                    visibleStarts.Add(i);
                    visibleEnds.Add(i + consumed);
                }
            }

            i += consumed;
        }

        MakeLookAlikesLatin(visible);
        var stripped = visible.ToString();
        var builder = new StringBuilder(stripped.Length);
        var starts = new List<int>(stripped.Length);
        var ends = new List<int>(stripped.Length);
        Span<char> pair = stackalloc char[2];
        i = 0;
        while (i < stripped.Length)
        {
            var c = stripped[i];
            int length;
            string normalized;
            if (c < 0x80 && (i + 1 == stripped.Length || stripped[i + 1] < 0x80))
            {
                // ASCII not followed by a combining character is already in NFKC.
                length = 1;
                builder.Append(c);
                starts.Add(visibleStarts[i]);
                ends.Add(visibleEnds[i]);
                i++;
                continue;
            }

            length = Math.Max(1, StringInfo.GetNextTextElementLength(stripped.AsSpan(i)));
            normalized = NormalizeKc(stripped.Substring(i, length));
            foreach (var folded in normalized.EnumerateRunes())
            {
                if (IsInvisible(folded))
                {
                    continue;
                }

                var written = folded.EncodeToUtf16(pair);
                builder.Append(pair[..written]);
                for (var n = 0; n < written; n++)
                {
                    starts.Add(visibleStarts[i]);
                    ends.Add(visibleEnds[i + length - 1]);
                }
            }

            i += length;
        }

        MakeLookAlikesLatin(builder);
        return (builder.ToString(), [.. starts], [.. ends]);
    }

    private static bool IsFixedPoint(string folded)
    {
        try
        {
            return folded.IsNormalized(NormalizationForm.FormKC) && !HasLookAlikeToFold(folded);
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static bool HasLookAlikeToFold(string folded)
    {
        var builder = new StringBuilder(folded);
        MakeLookAlikesLatin(builder);
        return !builder.Equals(folded.AsSpan());
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
