using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Text;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Triage;

/// <summary>Issue 9, defect 4: invisible and look-alike characters must not hide a red flag from triage.</summary>
public sealed class DisguisedTextTriageTests
{
    public static TheoryData<string, TriageTier> Disguised => new()
    {
        { "my dad c\u200Bollapsed and is not breathing", TriageTier.Emergency },
        { "my dad col\u00ADlapsed", TriageTier.Emergency },
        { "my dad c\u043Ellapsed", TriageTier.Emergency },
        { "my dad \u0441\u043Ellapsed", TriageTier.Emergency },
        { "MY DAD \u0421\u041ELL\u0410\u0420S\u0415D", TriageTier.Emergency },
        { "ｍｙ ｄａｄ ｃｏｌｌａｐｓｅｄ", TriageTier.Emergency },
        { "my dad \u202Ecollapsed\u202C", TriageTier.Emergency },
        { "crushing ch\u0435st p\u0430in", TriageTier.Emergency },
        { "I'm v\u200Dom\u2060iting bl\u03BF\u03BFd", TriageTier.Emergency },
        { "I want to k\uFEFFill myself", TriageTier.Emergency },
        { "temp ３８．５", TriageTier.Urgent },
        { "temp 38\u200B.5", TriageTier.Urgent },
        { "my gums won't stop bl\u0435\u0435ding", TriageTier.Urgent },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public void FindsARedFlagDisguisedWithInvisibleOrLookAlikeCharacters(string text, TriageTier expected) =>
        Assert.Equal(expected, SharedTriage.Engine().Assess(text).Tier);

    [Fact]
    public void ANegationCannotBeDisguisedIntoAFindingEither() =>
        Assert.Equal(TriageTier.None, SharedTriage.Engine().Assess("n\u043E f\u0435v\u200Ber").Tier);

    [Fact]
    public void EvidencePointsAtTheCharactersThePersonTyped()
    {
        const string typed = "hi, my dad \u200Bc\u043Ell\u00ADapsed!";

        var evidence = SharedTriage.Engine().Assess(typed).Evidence.First(e => e.Tier == TriageTier.Emergency);

        var span = typed.Substring(evidence.Start, evidence.Length);
        Assert.Equal("c\u043Ell\u00ADapsed", span);
        Assert.Equal("collapsed", TextFolder.ForMatching(span));
    }

    [Fact]
    public void EvidenceOffsetsOfPlainTextAreUnchanged()
    {
        const string typed = "my dad collapsed";

        var evidence = SharedTriage.Engine().Assess(typed).Evidence.First(e => e.Tier == TriageTier.Emergency);

        Assert.Equal("collapsed", typed.Substring(evidence.Start, evidence.Length));
    }

    public static TheoryData<string, TriageTier> Malformed => new()
    {
        { "fever \uFFFE now", TriageTier.Urgent },
        { "my gums are bleeding \uD800", TriageTier.Urgent },
        { "fev\uDC00er", TriageTier.Urgent },
        { "\uFFFF\uFFFE\uDC00", TriageTier.None },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void NonCharactersAndLoneSurrogatesDoNotStopTriage(string text, TriageTier expected) =>
        Assert.Equal(expected, SharedTriage.Engine().Assess(text).Tier);
}
