using MarrowBot.Staff.Accounts;

namespace MarrowBot.Staff.Tests.Accounts;

public sealed class StaffPasswordsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("elevenchars")]
    public void APasswordShorterThanTwelveCharactersIsRefusedWithoutRepeatingIt(string? password)
    {
        var problem = StaffPasswords.Check(password);

        Assert.Equal("A password has at least 12 characters.", problem);
    }

    [Fact]
    public void TwelveCharactersAreEnoughAndTheHashVerifiesOnlyThatPassword()
    {
        var passwords = new StaffPasswords();

        var hash = passwords.Hash("twelve chars");

        Assert.Null(StaffPasswords.Check("twelve chars"));
        Assert.True(passwords.Verify(hash, "twelve chars"));
        Assert.False(passwords.Verify(hash, "twelve chars!"));
        Assert.False(passwords.Verify(null, "twelve chars"));
    }

    [Theory]
    [InlineData("alice", null)]
    [InlineData("a.b_c-d@example.org", null)]
    [InlineData("", "A name is required.")]
    [InlineData("-alice", "A name has only letters, digits and . _ - @ (starting with a letter or digit).")]
    [InlineData("ålice", "A name has only letters, digits and . _ - @ (starting with a letter or digit).")]
    public void NamesAreAsciiLettersDigitsAndAFewMarks(string name, string? problem) =>
        Assert.Equal(problem, StaffNames.Check(name));
}
