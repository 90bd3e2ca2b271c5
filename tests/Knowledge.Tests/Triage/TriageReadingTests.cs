using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Triage;

/// <summary>TriageEngine.Read: the rules' clauses and context cues, as a second reader sees them.</summary>
public sealed class TriageReadingTests
{
    private static TriageReading Read(string text) => SharedTriage.Engine().Read(text);

    [Fact]
    public void ClausesAreSplitWhereTheRulesSplitThemWithSpansInTheTextAsTyped()
    {
        const string text = "Sorry. My nose has bled for 20 minutes, but I feel ok. Who do I call?";

        var clauses = Read(text).Clauses;

        Assert.Equal(["Sorry", "My nose has bled for 20 minutes", "I feel ok", "Who do I call"], clauses.Select(c => text.Substring(c.Start, c.Length)));
        Assert.Equal([ContextCues.None, ContextCues.None, ContextCues.None, ContextCues.Question], clauses.Select(c => c.Cues));
    }

    [Theory]
    [InlineData("what if I get a fever", ContextCues.Hypothetical | ContextCues.Question)]
    [InlineData("in case I get a fever", ContextCues.Hypothetical)]
    [InlineData("is breathlessness a symptom", ContextCues.Question)]
    [InlineData("how long should a nosebleed last before I call", ContextCues.Question)]
    [InlineData("I had a nosebleed years ago", ContextCues.Past)]
    [InlineData("the rash has gone now", ContextCues.Resolved)]
    [InlineData("this waiting is killing me", ContextCues.Idiom)]
    [InlineData("is my pee meant to be this red", ContextCues.None)]
    [InlineData("his lips have gone blue", ContextCues.None)]
    [InlineData("my son has a fever", ContextCues.None)]
    public void EachClauseCarriesTheCuesTheRulesWouldApply(string text, ContextCues expected) =>
        Assert.Equal(expected, Assert.Single(Read(text).Clauses).Cues);

    [Fact]
    public void ANegatedClauseKeepsOnlyTheWordsBeforeItsNegation()
    {
        Assert.Equal(0, Assert.Single(Read("no fever").Clauses).Words);

        var clause = Assert.Single(Read("im breathless just sitting on the sofa doing nothing").Clauses);

        Assert.Equal(ContextCues.Negation, clause.Cues);
        Assert.Equal("im breathless just sitting on the sofa doing", clause.Text);
        Assert.Equal(8, clause.Words);
    }

    [Fact]
    public void AQuestionThatBeginsInsideAClauseLeavesTheStatementBeforeIt()
    {
        var clause = Assert.Single(Read("chest pain and sweating what do i do?").Clauses);

        Assert.Equal(ContextCues.None, clause.Cues);
        Assert.Equal("chest pain and sweating", clause.Text);
        Assert.Equal(4, clause.Words);
    }

    [Fact]
    public void APseudoNegationIsNotANegation() =>
        Assert.Equal(ContextCues.None, Assert.Single(Read("not sure but my gums keep bleeding").Clauses.Skip(1)).Cues);

    [Fact]
    public void AMessageThatDescribesNoOneSaysSo() =>
        Assert.True(Read("for my essay: chest pain, collapse, fever").DescribesNoOne);

    [Fact]
    public void DisguisedTextIsReadFoldedAndMappedBackToWhatWasTyped()
    {
        const string typed = "my dad c\u200Bollapsed";

        var clause = Assert.Single(Read(typed).Clauses);

        Assert.Equal("my dad collapsed", clause.Text);
        Assert.Equal(typed, typed.Substring(clause.Start, clause.Length));
    }
}
