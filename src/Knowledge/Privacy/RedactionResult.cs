namespace MarrowBot.Knowledge.Privacy;

/// <summary>
/// Redacted text and how many items of each kind were replaced. <see cref="Withheld"/> is set when the text could
/// not be checked in time and was replaced as a whole, so nothing unchecked is ever returned.
/// </summary>
public sealed record RedactionResult(string Text, IReadOnlyDictionary<PiiKind, int> Counts, bool Withheld = false)
{
    /// <summary>How many items were replaced in all.</summary>
    public int Total => Counts.Values.Sum();

    /// <summary>The count for one kind (zero when none was found).</summary>
    public int CountOf(PiiKind kind) => Counts.TryGetValue(kind, out var count) ? count : 0;
}
