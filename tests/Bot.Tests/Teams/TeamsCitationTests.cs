using MarrowBot.Bot.Conversation;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Content;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Teams;

/// <summary>
/// The citation form Teams renders: [n] markers in the text and a schema.org Message entity whose Claims stay
/// within Teams' limits (abstract at most 160 characters, at most 3 keywords of at most 28), with no Markdown link
/// definitions, which Teams would show as text. Checked for every curated passage.
/// </summary>
public sealed class TeamsCitationTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeLoader.Load(Path.Combine(RepoPaths.Root, "data"));

    public static TheoryData<string> PassageIds => [.. Knowledge.Passages.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(PassageIds))]
    public void EveryPassageCitesWithinTeamsLimits(string passageId)
    {
        var activity = new ReplyActivities().ToActivity(Citing(Knowledge.Passage(passageId)), Microsoft.Bot.Connector.Channels.Msteams);

        Assert.DoesNotContain("]: cite:", activity.Text, StringComparison.Ordinal);
        var appearance = Assert.Single(Claims(activity))["appearance"]!;
        Assert.InRange(((string)appearance["abstract"]!).Length, 1, 160);
        var keywords = appearance["keywords"]!.Values<string>().ToList();
        Assert.InRange(keywords.Count, 0, 3);
        Assert.All(keywords, k => Assert.InRange(k!.Length, 1, 28));
    }

    [Fact]
    public void ALongPassageIsShortenedAtAWordForTheAbstractAndKeptWholeInTheText()
    {
        var passage = new Passage("long", "why-causes-differ", "Why causes differ", string.Join(' ', Enumerable.Repeat("marrow", 60)));

        var appearance = Claims(new ReplyActivities().ToActivity(Citing(passage), "msteams")).Single()["appearance"]!;

        var summary = (string)appearance["abstract"]!;
        Assert.True(summary.Length <= 160, $"abstract has {summary.Length} characters");
        Assert.EndsWith("marrow…", summary, StringComparison.Ordinal);
        Assert.Equal(passage.Text, (string)appearance["text"]!);
    }

    [Fact]
    public void OtherChannelsGetMarkdownDefinitionsThatTeamsDoesNot()
    {
        var reply = Citing(Knowledge.Passages[0]);

        Assert.Contains("[1]: cite:1", new ReplyActivities().ToActivity(reply, "webchat").Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[1]: cite:1", new ReplyActivities().ToActivity(reply, "msteams").Text, StringComparison.Ordinal);
    }

    private static Reply Citing(Passage passage) => new(
        ReplyKind.Answer,
        "A cited answer.[1]",
        "test",
        1f,
        [passage.Section],
        [new Citation(1, passage.Id, passage.Section, passage.Title, passage.Text)],
        []);

    private static JArray Claims(IMessageActivity activity) =>
        (JArray)activity.Entities.Single(e => e.Type == "https://schema.org/Message").Properties["citation"]!;
}
