using System.Text.Json;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge.Content;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Functional;

/// <summary>The bot as deployed by default (Embeddings:Provider Local, MiniLM), through POST /api/messages.</summary>
public sealed class MeaningThroughTheHostTests(MeaningThroughTheHostTests.MeaningHost shared, ITestOutputHelper output) : IClassFixture<MeaningThroughTheHostTests.MeaningHost>
{
    /// <summary>
    /// The blind test split (tests/Knowledge.Tests/Evaluation/blind-questions.json, never tuned on), each question
    /// in a new conversation, scored from the reply activities as a channel sees them. The floors are those of
    /// Knowledge.Tests' BlindQuestionEvaluationTests: what is reached today, below issue 10's goal (0.90 and 0.85).
    /// </summary>
    [Fact]
    public async Task TheBlindTestSplitThroughTheEndpointReachesTheFloorsOfTheResponder()
    {
        var knowledge = shared.Host.Services.GetRequiredService<KnowledgeBase>();
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Knowledge.Tests", "Evaluation", "blind-questions.json")));
        var items = document.RootElement.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("split").GetString() == "test").ToList();
        int answerable = 0, rightOrOffered = 0, wrong = 0, outOfScope = 0, declined = 0;
        foreach (var item in items)
        {
            var replies = await shared.Host.SendAsync(Message(item.GetProperty("text").GetString(), NewConversation()));
            var reply = replies.Last(r => Kind(r) != "welcome");
            var outcome = Outcome(reply);
            var kind = (string)outcome["kind"]!;
            var sections = item.GetProperty("sections").EnumerateArray().Select(s => s.GetString()!).ToHashSet();
            switch (item.GetProperty("kind").GetString())
            {
                case "answerable":
                    answerable++;
                    var offered = reply["suggestedActions"]?["actions"]?.Select(a => (string?)a["value"]).ToList() ?? [];
                    if ((kind == "answer" && outcome["sections"]!.Values<string>().Any(s => sections.Contains(s!)))
                        || (kind == "clarify" && offered.Any(q => knowledge.Faqs.FirstOrDefault(f => f.Question == q)?.Sections.Any(sections.Contains) == true)))
                    {
                        rightOrOffered++;
                    }
                    else if (kind == "answer")
                    {
                        wrong++;
                    }

                    break;
                case "out-of-scope":
                    outOfScope++;
                    declined += kind == "decline" ? 1 : 0;
                    break;
            }
        }

        var summary = $"answerable {answerable}: right or offered {rightOrOffered / (double)answerable:P1}, wrong topic {wrong / (double)answerable:P1}; out of scope {outOfScope}: declined {declined / (double)outOfScope:P1}";
        output.WriteLine(summary);
        Assert.True(rightOrOffered / (double)answerable >= 0.78, summary);
        Assert.True(wrong / (double)answerable <= 0.10, summary);
        Assert.True(declined / (double)outOfScope >= 0.75, summary);
    }

    [Fact]
    public async Task WithMeaningOnAnEmergencyIsStillAnsweredFirstWithTheEmergencyGuidanceAlone()
    {
        var replies = await shared.Host.SendAsync(Message("my dad collapsed and is not breathing", NewConversation()));

        var reply = Assert.Single(replies);
        Assert.Equal("emergency", (string)Outcome(reply)["triage"]!);
        Assert.StartsWith("**Call", (string)reply["text"]!);
    }

    [Fact]
    public async Task WithMeaningOnAShortBroadQuestionIsAnsweredOrOfferedFromTheRightSection()
    {
        var replies = await shared.Host.SendAsync(Message("how is it treated", NewConversation()));

        // An answer from the section on regenerative treatment, or a clarifying question that offers it.
        var reply = replies.Last();
        Assert.Contains(Kind(reply), new[] { "answer", "clarify" });
        Assert.Contains("regenerative-thinking", Outcome(reply)["sections"]!.Values<string>());
    }

    [Fact]
    public async Task WithMeaningOnTheOutcomeNamesTheCombinersPathAndTheOpinionsItWeighed()
    {
        var replies = await shared.Host.SendAsync(Message("what causes bone marrow failure?", NewConversation()));

        var outcome = Outcome(replies.Last());
        Assert.Equal("answer", (string)outcome["kind"]!);
        Assert.Equal("combiner-answer", (string)outcome["path"]!);
        var sources = outcome["evidence"]!.Select(e => (string)e["source"]!).ToList();
        Assert.Equal(["classifier", "meaning", "combiner", "combiner"], sources);
        Assert.All(outcome["evidence"]!, e => Assert.InRange((double)e["score"]!, 0, 1));
    }

    private static string NewConversation() => "meaning-" + Guid.NewGuid().ToString("N");

    /// <summary>One host with the default embeddings, shared by the class (the model loads once).</summary>
    public sealed class MeaningHost : IAsyncLifetime
    {
        public BotHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Embeddings:Provider"] = "Local" });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
