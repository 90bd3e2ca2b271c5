using System.Text;

namespace MarrowBot.Knowledge.Text;

/// <summary>
/// Makes message text well-formed UTF-16 at the edge: lone surrogates and Unicode non-characters (U+FFFE, U+FFFF,
/// U+FDD0..U+FDEF and the last two code points of every plane) become U+FFFD, the replacement character. They can
/// arrive through JSON escapes ("\ufffe", "\ud800"), carry no meaning a person typed, and make
/// <see cref="string.Normalize()"/> throw; after this every later step sees only characters it can handle.
/// </summary>
public static class UnicodeSanitizer
{
    /// <summary>The character that stands in for what was removed.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>The text with lone surrogates and non-characters replaced; the same instance when there were none.</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstInvalid(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        var i = first;
        while (i < text.Length)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done || IsNonCharacter(rune.Value))
            {
                builder.Append(Replacement);
            }
            else
            {
                builder.Append(text, i, consumed);
            }

            i += consumed;
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="text"/> has a lone surrogate or a non-character.</summary>
    public static bool NeedsSanitizing(string text) => FirstInvalid(text) >= 0;

    /// <summary>U+FDD0..U+FDEF and U+nFFFE, U+nFFFF in every plane: reserved by Unicode never to be characters.</summary>
    public static bool IsNonCharacter(int codePoint) =>
        (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < '\uD800')
            {
                continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    if (IsNonCharacter(char.ConvertToUtf32(c, text[i + 1])))
                    {
                        return i;
                    }

                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c) || IsNonCharacter(c))
            {
                return i;
            }
        }

        return -1;
    }
}
