namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>Very long messages of a given length, as a worried person or a pasted log writes them.</summary>
public static class LongMessages
{
    private const string Worry =
        "sorry this is long but my dad was told his marrow is failing and nobody explained what that means, " +
        "he is tired all the time and bruises easily and we dont know if it is cancer or what the treatment is; " +
        "the doctor said something about aplastic anaemia and maybe a transplant later. ";

    /// <summary>An anxious, rambling message of exactly <paramref name="length"/> characters.</summary>
    public static string Anxious(int length) => Repeat(Worry, length);

    /// <summary><paramref name="unit"/> repeated and cut to exactly <paramref name="length"/> characters.</summary>
    public static string Repeat(string unit, int length) =>
        string.Concat(Enumerable.Repeat(unit, (length / unit.Length) + 1))[..length];
}
