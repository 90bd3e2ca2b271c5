namespace MarrowBot.Knowledge.Text;

/// <summary>
/// A message folded for matching (<see cref="TextFolder"/>), with the way back: for every folded character, the
/// span of the original text it came from. Findings made on <see cref="Text"/> are reported against the text the
/// person typed, which is what is displayed and stored.
/// </summary>
public sealed class FoldedText
{
    private readonly int[]? _starts;
    private readonly int[]? _ends;

    internal FoldedText(string original, string text, int[]? starts, int[]? ends)
    {
        Original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    /// <summary>The text as the person typed it.</summary>
    public string Original { get; }

    /// <summary>The text to match against: NFKC, without invisible characters, with Latin look-alikes made Latin.</summary>
    public string Text { get; }

    /// <summary>Whether folding changed nothing (then offsets are the same in both texts).</summary>
    public bool IsIdentity => _starts is null;

    /// <summary>
    /// The span of <see cref="Original"/> that the folded span [<paramref name="start"/>, start + length) came
    /// from: from the start of the original character that produced its first folded character to the end of the
    /// one that produced its last, so invisible characters typed inside a word lie inside the span.
    /// </summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        if (_starts is null || _ends is null)
        {
            return (start, length);
        }

        if (Text.Length == 0)
        {
            return (0, 0);
        }

        start = Math.Clamp(start, 0, Text.Length);
        var end = Math.Clamp(start + Math.Max(0, length), start, Text.Length);
        if (end == start)
        {
            var at = start < Text.Length ? _starts[start] : Original.Length;
            return (at, 0);
        }

        var originalStart = _starts[start];
        return (originalStart, _ends[end - 1] - originalStart);
    }
}
