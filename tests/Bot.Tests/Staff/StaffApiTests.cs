using System.Net;
using System.Net.Http.Json;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Conversations;
using Moq;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>The staff API through the real host: conversations the bot really answered, read, marked, labelled and exported.</summary>
public sealed class StaffApiTests(StaffConsoleHost console) : IClassFixture<StaffConsoleHost>
{
    [Fact]
    public async Task TheInboxListsAnUnacknowledgedEscalationFirstWithCountsForTheSearch()
    {
        var word = StaffConsoleHost.Word();
        var plain = await console.ConversationAsync($"what causes marrow failure {word}");
        var urgent = await console.ConversationAsync($"my gums won't stop bleeding {word}");
        using var client = console.Client();

        var inbox = JObject.Parse(await client.GetStringAsync($"/staff/api/conversations?q={word}"));

        Assert.Equal([urgent, plain], inbox["conversations"]!.Select(c => (string)c["id"]!));
        Assert.True((bool)inbox["conversations"]![0]!["needsAttention"]!);
        Assert.Equal("urgent", (string)inbox["conversations"]![0]!["tier"]!);
        Assert.Equal(2, (int)inbox["counts"]!["total"]!);
        Assert.Equal(1, (int)inbox["counts"]!["urgent"]!);
        Assert.Null((string?)inbox["next"]);
        console.Audit.Verify(a => a.RecordAsync(It.Is<StaffAuditEntry>(e => e.Actor == "nurse.a" && e.Action == StaffAuditActions.Viewed && e.Detail!.Contains("search") && !e.Detail.Contains(word)), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task OneConversationComesBackWithItsRepliesAnnotationsThroughItsKey()
    {
        var conversation = await console.ConversationAsync("what causes marrow failure?");
        using var client = console.Client();

        var transcript = JObject.Parse(await client.GetStringAsync($"/staff/api/conversations/{Key(conversation)}"));

        Assert.Equal(conversation, (string)transcript["conversation"]!["id"]!);
        var turns = transcript["turns"]!;
        Assert.Contains(turns, t => (string)t["role"]! == "user" && (string)t["text"]! == "what causes marrow failure?");
        var answer = turns.Single(t => t["annotations"] is JObject a && (string?)a["kind"] == "answer");
        Assert.False(string.IsNullOrEmpty((string?)answer["annotations"]!["intent"]));
        Assert.NotEmpty(answer["annotations"]!["sections"]!);
        Assert.NotEmpty(answer["buttons"]!);
    }

    [Fact]
    public async Task EachReplyComesBackWithThePathThatChoseItAndTheEvidenceThatFiredNeverThePersonsWords()
    {
        var word = StaffConsoleHost.Word();
        var conversation = await console.ConversationAsync($"I have crushing chest pain and can't breathe {word}", "what causes marrow failure?");
        using var client = console.Client();

        var transcript = JObject.Parse(await client.GetStringAsync($"/staff/api/conversations/{Key(conversation)}"));

        var replies = transcript["turns"]!.Where(t => t["annotations"] is JObject).Select(t => (JObject)t["annotations"]!).ToList();
        var triage = replies.First(a => (string?)a["kind"] == "triage");
        Assert.Equal(ReplyPath.Triage, (string?)triage["path"]);
        Assert.Contains(triage["evidence"]!, e => ((string)e!).StartsWith("triage-rule chest-pain [chest-pain, emergency]", StringComparison.Ordinal));
        var answer = replies.Single(a => (string?)a["kind"] == "answer");
        Assert.Equal(ReplyPath.Classifier, (string?)answer["path"]);
        Assert.Contains(answer["evidence"]!, e => ((string)e!).StartsWith($"classifier {(string)answer["intent"]!} ", StringComparison.Ordinal));
        var evidence = replies.SelectMany(a => a["evidence"]!).Select(e => (string)e!).ToList();
        Assert.DoesNotContain(evidence, e => e.Contains(word, StringComparison.Ordinal) || e.Contains("crushing", StringComparison.Ordinal) || e.Contains("breathe", StringComparison.Ordinal));

        var page = await client.GetStringAsync($"/staff/conversations/{Key(conversation)}");
        Assert.Contains($"<dt>Answer chosen by</dt><dd>{ReplyPath.Classifier}</dd>", page);
        Assert.Contains("<li>triage-rule chest-pain [chest-pain, emergency]</li>", page);
    }

    [Fact]
    public async Task AcknowledgingNeedsTheAntiforgeryTokenThenRecordsWhoAndWhen()
    {
        var conversation = await console.ConversationAsync("my gums won't stop bleeding");
        using var client = console.Client("nurse.b");
        var path = $"/staff/api/conversations/{Key(conversation)}/acknowledge";

        using var forged = await client.PostAsync(path, null);
        var token = await StaffConsoleHost.FormTokenAsync(client, $"/staff/conversations/{Key(conversation)}");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Headers = { { "X-CSRF-TOKEN", token } } };
        using var acknowledged = await client.SendAsync(request);
        var transcript = JObject.Parse(await client.GetStringAsync($"/staff/api/conversations/{Key(conversation)}"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, acknowledged.StatusCode);
        Assert.Equal("nurse.b", (string)transcript["conversation"]!["acknowledged"]!["by"]!);
        Assert.False((bool)transcript["conversation"]!["needsAttention"]!);
        console.Audit.Verify(a => a.RecordAsync(It.Is<StaffAuditEntry>(e => e.Actor == "nurse.b" && e.Action == StaffAuditActions.Acknowledged && e.Target == $"emulator/{conversation}"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task ALabelIsAddedToABotReplyAndOneNotInTheListIs400()
    {
        var conversation = await console.ConversationAsync("what causes marrow failure?");
        using var client = console.Client("nurse.c");
        var token = await StaffConsoleHost.FormTokenAsync(client, $"/staff/conversations/{Key(conversation)}");
        var transcript = JObject.Parse(await client.GetStringAsync($"/staff/api/conversations/{Key(conversation)}"));
        var reply = (string)transcript["turns"]!.Last(t => (string)t["role"]! == "bot")["activityKey"]!;
        var path = $"/staff/api/conversations/{Key(conversation)}/turns/{reply}/labels";

        using var good = await PostJsonAsync(client, path, token, new { label = TurnLabels.WrongAnswer, note = "cites the wrong section" });
        using var unknown = await PostJsonAsync(client, path, token, new { label = "brilliant" });
        using var noReply = await PostJsonAsync(client, $"/staff/api/conversations/{Key(conversation)}/turns/{ConversationKey.EncodeSegment("nope")}/labels", token, new { label = TurnLabels.GoodAnswer });
        var labels = JObject.Parse(await client.GetStringAsync($"/staff/api/conversations/{Key(conversation)}"))["turns"]!.SelectMany(t => t["labels"]!).ToList();

        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains(TurnLabels.MissedRedFlag, await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, noReply.StatusCode);
        var label = Assert.Single(labels);
        Assert.Equal((TurnLabels.WrongAnswer, "cites the wrong section", "nurse.c"), ((string)label["label"]!, (string)label["note"]!, (string)label["by"]!));
    }

    [Theory]
    [InlineData("/staff/api/conversations?page=garbage", HttpStatusCode.BadRequest)]
    [InlineData("/staff/api/conversations?tier=severe", HttpStatusCode.BadRequest)]
    [InlineData("/staff/api/conversations?from=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/staff/api/conversations?declined=maybe", HttpStatusCode.BadRequest)]
    [InlineData("/staff/api/export?format=xml", HttpStatusCode.BadRequest)]
    [InlineData("/staff/api/conversations/not-a-key", HttpStatusCode.NotFound)]
    [InlineData("/staff/api/conversations/ZW11bGF0b3I~bm9ib2R5", HttpStatusCode.NotFound)]
    public async Task BadInputGetsAClearStatus(string path, HttpStatusCode expected)
    {
        using var client = console.Client();

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NobodySignedInIs401AndAnApiKeyMayReadButNotChange()
    {
        var conversation = await console.ConversationAsync("hello");
        using var anonymous = console.Client(name: null);
        using var apiKey = console.Client("api-key:reports", "api-reader");

        using var unsigned = await anonymous.GetAsync("/staff/api/conversations");
        using var read = await apiKey.GetAsync("/staff/api/conversations");
        using var change = await apiKey.PostAsync($"/staff/api/conversations/{Key(conversation)}/reviewed", null);

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
    }

    [Fact]
    public async Task TheExportGivesTheQuerysConversationsAsCsvAndOneConversationsTurnsAsJson()
    {
        var word = StaffConsoleHost.Word();
        var conversation = await console.ConversationAsync($"=HYPERLINK(\"x\") is it genetic {word}");
        using var client = console.Client("nurse.d");

        var csv = await client.GetStringAsync($"/staff/api/export?format=csv&q={word}");
        var one = await client.GetStringAsync($"/staff/api/conversations/{Key(conversation)}/export?format=csv");
        var json = JObject.Parse(await client.GetStringAsync($"/staff/api/conversations/{Key(conversation)}/export?format=json"));

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("channel,conversation_id,first_activity_at", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains(conversation, lines[1]);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")", one);
        Assert.Contains(json["turns"]!, t => ((string?)t["text"])?.Contains(word) == true);
        console.Audit.Verify(a => a.RecordAsync(It.Is<StaffAuditEntry>(e => e.Action == StaffAuditActions.Exported && e.Target == "inbox"), It.IsAny<CancellationToken>()));
        console.Audit.Verify(a => a.RecordAsync(It.Is<StaffAuditEntry>(e => e.Action == StaffAuditActions.Exported && e.Target == $"emulator/{conversation}"), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    private static string Key(string conversation) => new ConversationKey("emulator", conversation).ToSegment();

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body), Headers = { { "X-CSRF-TOKEN", token } } };
        return await client.SendAsync(request);
    }
}
