using MarrowBot.Knowledge.Text;

namespace MarrowBot.Knowledge.Tests.Text;

public sealed class UnicodeSanitizerTests
{
    // Built in code: a lone surrogate in an attribute argument does not survive compilation (it becomes U+FFFD).
    public static TheoryData<string, string> Malformed => new()
    {
        { "fever \uFFFE now", "fever \uFFFD now" },
        { "\uFFFF", "\uFFFD" },
        { "a\uFDD0b", "a\uFFFDb" },
        { "lone \uD800 high", "lone \uFFFD high" },
        { "lone \uDC00 low", "lone \uFFFD low" },
        { "end \uD83D", "end \uFFFD" },
        { "swapped \uDE00\uD83D", "swapped \uFFFD\uFFFD" },
        { "plane one \uD83F\uDFFE", "plane one \uFFFD" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void ReplacesNonCharactersAndLoneSurrogates(string text, string expected) => Assert.Equal(expected, UnicodeSanitizer.Sanitize(text));

    [Theory]
    [InlineData("what causes marrow failure?")]
    [InlineData("fièvre 😷 ３８ 中文 кровь")]
    [InlineData("")]
    public void ReturnsWellFormedTextAsItIs(string text) => Assert.Same(text, UnicodeSanitizer.Sanitize(text));

    [Fact]
    public void SanitisedTextNormalisesWithoutThrowing()
    {
        var sanitized = UnicodeSanitizer.Sanitize("x\uFFFE\uD800\uDBFF\uDFFFy");

        Assert.False(UnicodeSanitizer.NeedsSanitizing(sanitized));
        Assert.Equal("x\uFFFD\uFFFD\uFFFDy", sanitized.Normalize(System.Text.NormalizationForm.FormKC));
    }
}
