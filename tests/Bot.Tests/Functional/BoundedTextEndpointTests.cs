using System.Net;
using System.Text;
using MarrowBot.Bot.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Functional;

/// <summary>
/// Issue 9 through the real host: non-characters and lone surrogates (defect 5), disguised red flags (defect 4),
/// very long messages (the per-message cap) and random Unicode all get a real reply, never the apology.
/// </summary>
public sealed class BoundedTextEndpointTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private BotHost Host => shared.Host;

    public static TheoryData<string> Malformed => new()
    {
        "what causes marrow failure?\uFFFE",
        "what causes marrow failure? \uFFFF",
        "what causes \uD800marrow failure?",
        "what causes marrow failure?\uDC00",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task AnswersAMessageCarryingNonCharactersOrLoneSurrogatesInsteadOfApologising(string text)
    {
        var replies = await SendEscapedAsync(Message(text, Conversation()));

        Assert.Equal(["welcome", "answer"], replies.Select(Kind));
        Assert.Equal("causes", (string)Outcome(replies[1])["intent"]!);
    }

    [Fact]
    public async Task TriagesARedFlagDisguisedWithAZeroWidthSpaceAndACyrillicLetter()
    {
        var replies = await SendEscapedAsync(Message("my dad c\u200B\u043Ellapsed and is not br\u0435athing", Conversation()));

        Assert.Equal("triage", Kind(replies[0]));
        Assert.Equal("emergency", (string)Outcome(replies[0])["triage"]!);
    }

    [Fact]
    public async Task ALongCalmMessageGetsAKindRequestForTheQuestionInASentenceOrTwo()
    {
        var replies = await Host.SendAsync(Message(Filler(20_000), Conversation()));

        Assert.Equal(["welcome", "clarify"], replies.Select(Kind));
        Assert.Equal("long-message", (string)Outcome(replies[1])["intent"]!);
        Assert.Contains("a sentence or two", (string)replies[1]["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARedFlagNearTheEndOfATwentyThousandCharacterMessageIsTriaged()
    {
        var replies = await Host.SendAsync(Message(Filler(20_000) + " Now my husband has collapsed and won't wake up.", Conversation()));

        Assert.Equal("triage", Kind(replies[0]));
        Assert.Equal("emergency", (string)Outcome(replies[0])["triage"]!);
        Assert.DoesNotContain(replies, r => Kind(r) == "error");
    }

    [Fact]
    public async Task AMegabyteMessageIsRefusedByTheTransportOrTriagedInFull()
    {
        var activity = Message(Filler(1_000_000) + " Now my husband has collapsed and won't wake up.", Conversation());
        activity["deliveryMode"] = "expectReplies";

        using var response = await Host.PostAsync(activity.ToString(Formatting.None));

        // A request-size limit on /api/messages may answer 413 first; if the message gets through, it is triaged.
        if (response.StatusCode != HttpStatusCode.RequestEntityTooLarge)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var replies = (JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!;
            Assert.Equal("emergency", (string)Outcome(replies[0])["triage"]!);
            Assert.DoesNotContain(replies, r => Kind(r) == "error");
        }
    }

    [Fact]
    public async Task RandomUnicodeMessagesNeverGetTheErrorReply()
    {
        // Hand-written and seeded so that a failure names its message; the Knowledge properties run thousands more.
        var random = new Random(20261202);
        var conversation = Conversation();
        for (var i = 0; i < 150; i++)
        {
            var text = RandomUnicode(random, random.Next(0, i % 10 == 9 ? 3000 : 120));
            var replies = await SendEscapedAsync(Message(text, conversation));

            Assert.True(replies.Count > 0, $"message {i} got no reply");
            Assert.True(replies.All(r => Kind(r) != "error"), $"message {i} got the error reply: {Escape(text)}");
        }
    }

    /// <summary>Posts with every non-ASCII character as a JSON \u escape, so lone surrogates reach the bot as they were sent.</summary>
    private async Task<JArray> SendEscapedAsync(JObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        var json = JsonConvert.SerializeObject(activity, new JsonSerializerSettings { StringEscapeHandling = StringEscapeHandling.EscapeNonAscii });
        using var response = await Host.PostAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!;
    }

    private static string RandomUnicode(Random random, int length)
    {
        string[] specials =
        [
            "\uFFFE", "\uFFFF", "\uFDD0", "\uD800", "\uDFFF", "\u200B", "\u200D", "\u00AD", "\u202E", "\u2066", "\uFEFF", "\u0000",
            "\u0007", "\r\n", "😷", "👨‍👩‍👧", "\u0301", "ｆｅｖｅｒ", "\u0430", "\u03BF", "fever", "what is marrow failure", "?", ".",
        ];
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            switch (random.Next(4))
            {
                case 0:
                    builder.Append(specials[random.Next(specials.Length)]);
                    break;
                case 1:
                    builder.Append((char)random.Next(0x20, 0x7F));
                    break;
                case 2:
                    builder.Append((char)random.Next(0, 0x10000));
                    break;
                default:
                    builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000) is var cp && cp is >= 0xD800 and <= 0xDFFF ? 0x1F600 : cp));
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));

    private static string Filler(int length)
    {
        const string sentence = "We went to the garden centre and then had lunch with my sister, the weather was lovely all afternoon. ";
        var builder = new StringBuilder(length + sentence.Length);
        while (builder.Length < length)
        {
            builder.Append(sentence);
        }

        return builder.ToString(0, length);
    }

    private static string Conversation() => "conv-" + Guid.NewGuid().ToString("N");
}
