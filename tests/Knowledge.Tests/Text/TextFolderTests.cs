using MarrowBot.Knowledge.Text;

namespace MarrowBot.Knowledge.Tests.Text;

public sealed class TextFolderTests
{
    [Theory]
    [InlineData("col\u200Blapsed", "collapsed")]
    [InlineData("col\u00ADlapsed", "collapsed")]
    [InlineData("col\u200Clap\u200Dsed", "collapsed")]
    [InlineData("col\u2060lapsed\uFEFF", "collapsed")]
    [InlineData("\u202Ecollapsed\u202C", "collapsed")]
    [InlineData("\u2066collapsed\u2069", "collapsed")]
    [InlineData("ｃｏｌｌａｐｓｅｄ", "collapsed")]
    [InlineData("c\u043Ellapsed", "collapsed")]
    [InlineData("\u0441\u043E\u0430ｍa", "coama")]
    [InlineData("br\u0435\u0430thing", "breathing")]
    [InlineData("bl\u03BF\u03BFd", "blood")]
    [InlineData("CH\u0415ST PAIN", "CHEST PAIN")]
    [InlineData("38\u200B.5\u2103", "38.5°C")]
    [InlineData("ﬁt", "fit")]
    [InlineData("bl\uFFFEeeding", "bleeding")]
    [InlineData("bl\u0007eeding", "bleeding")]
    [InlineData("bl\uFE0Feeding", "bleeding")]
    public void FoldsDisguisedWordsToWhatAReaderSees(string typed, string expected) => Assert.Equal(expected, TextFolder.ForMatching(typed));

    [Fact]
    public void DropsALoneSurrogateInsideAWord() => Assert.Equal("bleeding", TextFolder.ForMatching("bl" + '\uD800' + "eeding"));

    [Theory]
    [InlineData("у меня кровь из носа")]
    [InlineData("Έχω πυρετό")]
    [InlineData("температура 39, сор")]
    public void LeavesGenuineCyrillicAndGreekTextAlone(string text) => Assert.Equal(text, TextFolder.ForMatching(text));

    [Fact]
    public void MakesAWordWhollyOfLookAlikesLatinInAnOtherwiseLatinMessage() =>
        Assert.Equal("my dad is in a coma", TextFolder.ForMatching("my dad is in \u0430 \u0441\u043Ema"));

    [Theory]
    [InlineData("what causes marrow failure?")]
    [InlineData("line one\nline two\ttabbed")]
    [InlineData("")]
    public void LeavesPlainTextUnchangedWithOffsetsIntact(string text)
    {
        var folded = TextFolder.Fold(text);

        Assert.Same(text, folded.Text);
        Assert.True(folded.IsIdentity);
    }

    [Fact]
    public void KeepsLineBreaksAccentsAndEmoji() =>
        Assert.Equal("fièvre 😷\nhelp", TextFolder.ForMatching("fie\u0300vre 😷\nhelp"));

    [Fact]
    public void MapsAFoldedSpanBackToTheCharactersThePersonTyped()
    {
        const string typed = "my dad c\u200Bо\u00ADllapsed";
        var folded = TextFolder.Fold(typed);
        var at = folded.Text.IndexOf("collapsed", StringComparison.Ordinal);

        var (start, length) = folded.ToOriginal(at, "collapsed".Length);

        Assert.Equal("c\u200Bо\u00ADllapsed", typed.Substring(start, length));
    }

    [Fact]
    public void MapsASpanOverAnExpandedCharacterToThatOneCharacter()
    {
        const string typed = "a ﬁt now";
        var folded = TextFolder.Fold(typed);
        Assert.Equal("a fit now", folded.Text);

        Assert.Equal((2, 2), folded.ToOriginal(2, 3));
    }
}
