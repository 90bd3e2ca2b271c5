using System.Net.Http.Json;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using MarrowBot.Bot.Channels.DirectLine;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Handoff;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Handoff;

/// <summary>
/// Hand-off to staff through the real host (ADR 0028): a person asking for a person is queued, staff see the queue
/// and reply from the console, and the reply arrives where the person is: the local Direct Line conversation (as Web
/// Chat reads it, polling or streaming) or the Teams chat (through the connector), and in the transcript.
/// </summary>
public sealed class HandoffThroughTheHostTests(HandoffHost fixture) : IClassFixture<HandoffHost>
{
    private const string StaffText = "Hello, this is Sam from the support team. How can I help?";

    [Fact]
    public async Task AWebChatVisitorAskingForAPersonIsQueuedAndTheStaffReplyArrivesInTheirConversationAndTranscript()
    {
        fixture.Clock.Set(HandoffHost.InHours);
        var client = new DirectLineClient(fixture.Host.Client);
        await client.GenerateAsync();
        await client.StartAsync();
        var (_, watermark) = await PollPastWelcomeAsync(client);

        using (await client.PostMessageAsync("I want to talk to a human"))
        {
        }

        var queued = await client.PollUntilBotMessageAsync(watermark);
        var reply = BotMessages(queued).Last();
        Assert.Contains("Your request is in their queue", (string)reply["text"]!);
        Assert.Contains("Someone is available now", (string)reply["text"]!);
        Assert.Equal("handoff", Outcome(reply)["kind"]!.ToString());
        (_, watermark) = await client.PollAsync(watermark);

        var listed = await fixture.FindAsync(client.ConversationId);
        Assert.NotNull(listed);
        Assert.Equal("waiting", (string)listed["state"]!);
        Assert.Equal(DirectLineBridge.ChannelId, (string)listed["channelId"]!);
        Assert.Null(listed["conversationReference"]);

        using var sent = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{(long)listed["id"]!}/reply", json: new { text = StaffText });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var answered = JObject.Parse(await sent.Content.ReadAsStringAsync());
        Assert.Equal("answered", (string)answered["state"]!);
        Assert.Equal("rita", (string)answered["answeredBy"]!);

        var staffMessage = BotMessages(await client.PollUntilBotMessageAsync(watermark)).Single();
        Assert.Equal(StaffText, (string)staffMessage["text"]!);
        Assert.Equal("staff", Outcome(staffMessage)["kind"]!.ToString());
        Assert.Equal("plain", (string)staffMessage["textFormat"]!);
        Assert.Null(staffMessage["replyToId"]);

        await fixture.Host.FlushTranscriptsAsync();
        var transcript = await fixture.Host.Services.GetRequiredService<ITranscriptStore>().GetTranscriptActivitiesAsync(DirectLineBridge.ChannelId, client.ConversationId);
        var stored = transcript.Items.OfType<Activity>().Single(a => a.Text == StaffText);
        Assert.Equal(RoleTypes.Bot, stored.From.Role);
        Assert.Contains(stored.Entities, e => e.Type == "marrowbot.outcome" && (string?)e.Properties["kind"] == "staff");

        var audit = Assert.Single(fixture.Audit.Entries, e => e.Target == $"{DirectLineBridge.ChannelId}/{client.ConversationId}");
        Assert.Equal(StaffAuditActions.Replied, audit.Action);
        Assert.Equal("rita", audit.Actor);
        Assert.DoesNotContain("Sam", audit.Detail ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStaffReplyReachesAWebChatReadingTheStream()
    {
        var client = new DirectLineClient(fixture.Host.Client);
        await client.GenerateAsync();
        var started = await client.StartAsync();
        var (_, watermark) = await PollPastWelcomeAsync(client);
        using (await client.PostMessageAsync("can i speak to a nurse"))
        {
        }

        await client.PollUntilBotMessageAsync(watermark);
        var id = (long)(await fixture.FindAsync(client.ConversationId))!["id"]!;

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri((string)started["streamUrl"]!), CancellationToken.None);
        await DirectLineClient.ReceiveAsync(socket);
        using (var sent = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{id}/reply", json: new { text = StaffText }))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var live = new List<JToken>();
        while (!live.Any(a => (string?)a["text"] == StaffText))
        {
            live.AddRange((await DirectLineClient.ReceiveAsync(socket))["activities"]!);
        }

        Assert.Equal("bot", (string)live.Single(a => (string?)a["text"] == StaffText)["from"]!["role"]!);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task ATeamsPersonAskingForAPersonGetsTheStaffReplyInTheirChatThroughTheConnector()
    {
        fixture.Clock.Set(HandoffHost.InHours);
        var conversation = TeamsActivities.PersonalConversation();
        var replies = await fixture.Host.SendAsync(fixture.TeamsMessage("can i speak to a nurse", conversation));
        Assert.Contains("Your request is in their queue", (string)replies.Last()["text"]!);

        var listed = (await fixture.FindAsync(conversation))!;
        Assert.Equal("msteams", (string)listed["channelId"]!);
        using var sent = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{(long)listed["id"]!}/reply", json: new { text = StaffText });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var post = Assert.Single(fixture.Connector.Posts, p => (string?)p.Activity["text"] == StaffText);
        Assert.Equal(conversation, post.ConversationId);
        Assert.Null(post.ReplyToId);
        Assert.Equal(conversation, (string)post.Activity["conversation"]!["id"]!);
        Assert.Equal(TeamsActivities.BotId, (string)post.Activity["from"]!["id"]!);
        Assert.Equal("staff", Outcome(post.Activity)["kind"]!.ToString());

        await fixture.Host.FlushTranscriptsAsync();
        var transcript = await fixture.Host.Services.GetRequiredService<ITranscriptStore>().GetTranscriptActivitiesAsync("msteams", conversation);
        Assert.Contains(transcript.Items.OfType<Activity>(), a => a.Text == StaffText && a.From.Role == RoleTypes.Bot);
    }

    [Fact]
    public async Task AskingAgainOutsideStaffHoursSaysTheRequestIsStillQueuedAndWhenStaffAreNextAvailable()
    {
        fixture.Clock.Set(HandoffHost.OutOfHours);
        var conversation = TeamsActivities.PersonalConversation();

        var first = (string)(await fixture.Host.SendAsync(fixture.TeamsMessage("i want to talk to a human", conversation))).Last()["text"]!;
        var again = (string)(await fixture.Host.SendAsync(fixture.TeamsMessage("let me talk to a real person", conversation))).Last()["text"]!;
        var news = (string)(await fixture.Host.SendAsync(fixture.TeamsMessage("any news?", conversation))).Last()["text"]!;

        Assert.Contains("Your request is in their queue", first);
        Assert.Contains("No one is available right now; the team is next available Monday at 09:00 (UTC)", first);
        Assert.Contains("Monday to Friday, 09:00 to 17:00 (UTC)", first);
        Assert.Contains("still in our support team's queue", again);
        Assert.Contains("next available Monday at 09:00 (UTC)", again);
        Assert.Contains("still in our support team's queue", news);
        Assert.Contains("in an emergency call", news);
        Assert.Single(await fixture.ListAsync(), h => (string?)h["conversationId"] == conversation);
    }

    [Fact]
    public async Task AskingForNewsInsideStaffHoursSaysSomeoneIsAvailableNow()
    {
        fixture.Clock.Set(HandoffHost.InHours);
        var conversation = TeamsActivities.PersonalConversation();
        await fixture.Host.SendAsync(fixture.TeamsMessage("i want to talk to a human", conversation));

        var news = (string)(await fixture.Host.SendAsync(fixture.TeamsMessage("Is anyone there?", conversation))).Last()["text"]!;

        Assert.Contains("still in our support team's queue", news);
        Assert.Contains("Someone is available now", news);
    }

    [Fact]
    public async Task AskingForNewsAfterAStaffReplySaysAStaffMemberHasReplied()
    {
        fixture.Clock.Set(HandoffHost.InHours);
        var conversation = TeamsActivities.PersonalConversation();
        await fixture.Host.SendAsync(fixture.TeamsMessage("please connect me with staff", conversation));
        var id = (long)(await fixture.FindAsync(conversation))!["id"]!;
        using (await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{id}/reply", json: new { text = StaffText }))
        {
        }

        var news = (string)(await fixture.Host.SendAsync(fixture.TeamsMessage("any update?", conversation))).Last()["text"]!;

        Assert.Contains("has replied to you in this chat", news);
    }

    [Fact]
    public async Task AnyNewsWithoutARequestIsAnsweredAsUsual()
    {
        var conversation = TeamsActivities.PersonalConversation();

        var replies = await fixture.Host.SendAsync(fixture.TeamsMessage("any news?", conversation));

        Assert.DoesNotContain(replies, r => ((string?)r["text"])?.Contains("queue", StringComparison.Ordinal) == true);
        Assert.Null(await fixture.FindAsync(conversation));
    }

    [Fact]
    public async Task AnEmergencyAskingForAPersonGetsTheEmergencyReplyFirstAndIsNotQueuedBehindIt()
    {
        var conversation = TeamsActivities.PersonalConversation();

        var replies = await fixture.Host.SendAsync(fixture.TeamsMessage("I have crushing chest pain and can't breathe, get me a nurse", conversation));

        var first = replies.First(r => (string?)r["type"] == "message" && Outcome(r)["kind"]?.ToString() != "welcome");
        Assert.Equal("triage", Outcome(first)["kind"]!.ToString());
        Assert.Equal("emergency", Outcome(first)["triage"]!.ToString());
        Assert.Null(await fixture.FindAsync(conversation));
    }

    [Fact]
    public async Task NeitherThePersonsTextNorTheStaffReplyReachesTheLogsOrTheAuditLog()
    {
        var conversation = TeamsActivities.PersonalConversation();
        const string asked = "can i talk to my consultant about Zebulon's results";
        const string staffReply = "Hello Quentinia, the clinic will call you.";
        await fixture.Host.SendAsync(fixture.TeamsMessage(asked, conversation));
        var id = (long?)(await fixture.FindAsync(conversation))?["id"];
        Assert.NotNull(id);
        using (var sent = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{id}/reply", json: new { text = staffReply }))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        Assert.DoesNotContain(fixture.Host.Logs.Lines, l => l.Contains("Zebulon", StringComparison.Ordinal) || l.Contains("Quentinia", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Audit.Entries, e => $"{e.Target} {e.Detail}".Contains("Quentinia", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReplyPostedWithoutTheAntiforgeryTokenIs400AndNothingIsSent()
    {
        var (id, conversation) = await QueueTeamsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/staff/api/handoffs/{id}/reply")
        {
            Content = JsonContent.Create(new { text = StaffText }),
            Headers = { { TestStaffAuthentication.Header, HandoffHost.Reviewer } },
        };

        using var response = await fixture.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(fixture.Connector.Posts, p => p.ConversationId == conversation && (string?)p.Activity["text"] == StaffText);
    }

    [Fact]
    public async Task AReplyToAnUnknownRequestIs404()
    {
        using var response = await fixture.StaffAsync(HttpMethod.Post, "/staff/api/handoffs/987654321/reply", json: new { text = StaffText });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task AnEmptyReplyIs400AndNothingIsSent(string? text)
    {
        var (id, conversation) = await QueueTeamsAsync();

        using var response = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{id}/reply", json: new { text });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("waiting", (string)(await fixture.FindAsync(conversation))!["state"]!);
    }

    [Fact]
    public async Task AReplyLongerThanTheLimitIs400AndNothingIsSent()
    {
        var (id, conversation) = await QueueTeamsAsync();

        using var response = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{id}/reply", json: new { text = new string('a', 2001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(fixture.Connector.Posts, p => p.ConversationId == conversation && ((string?)p.Activity["text"])?.StartsWith("aaaa", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AReplyToAClosedRequestIs409()
    {
        var (id, conversation) = await QueueTeamsAsync();
        using (var closed = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{id}/close"))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        using var response = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{id}/reply", json: new { text = StaffText });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Null(await fixture.FindAsync(conversation));
    }

    [Fact]
    public async Task AReplyTheConnectorRefusesIs502AndTheRequestKeepsWaiting()
    {
        var (id, conversation) = await QueueTeamsAsync();
        fixture.Connector.AnswerWith = 500;
        try
        {
            using var response = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{id}/reply", json: new { text = StaffText });

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        }
        finally
        {
            fixture.Connector.AnswerWith = 200;
        }

        Assert.Equal("waiting", (string)(await fixture.FindAsync(conversation))!["state"]!);
        Assert.DoesNotContain(fixture.Connector.Posts, p => p.ConversationId == conversation && ((string?)p.Activity["text"])?.Contains("something went wrong", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AReplyToAWebChatConversationThisHostNoLongerHasIs410()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var reference = new ConversationReference
        {
            ChannelId = DirectLineBridge.ChannelId,
            ServiceUrl = DirectLineBridge.ServiceUrl,
            Conversation = new ConversationAccount(id: conversation),
            Bot = DirectLineBridge.Bot,
        };
        var queue = fixture.Host.Services.GetRequiredService<IHandoffQueue>();
        var enqueued = await queue.EnqueueAsync(new HandoffTicket(DirectLineBridge.ChannelId, conversation, DirectLineBridge.ServiceUrl, Newtonsoft.Json.JsonConvert.SerializeObject(reference), fixture.Clock.GetUtcNow()), CancellationToken.None);

        using var response = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{enqueued.Request.Id}/reply", json: new { text = StaffText });

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task TheQueueListsWaitingRequestsFirstOldestFirst()
    {
        fixture.Clock.Set(HandoffHost.InHours.AddMinutes(-30));
        var older = TeamsActivities.PersonalConversation();
        await fixture.Host.SendAsync(fixture.TeamsMessage("i want to talk to a human", older));
        fixture.Clock.Set(HandoffHost.InHours.AddMinutes(-20));
        var answered = TeamsActivities.PersonalConversation();
        await fixture.Host.SendAsync(fixture.TeamsMessage("i want to talk to a human", answered));
        using (await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{(long)(await fixture.FindAsync(answered))!["id"]!}/reply", json: new { text = StaffText }))
        {
        }

        fixture.Clock.Set(HandoffHost.InHours.AddMinutes(-10));
        var newer = TeamsActivities.PersonalConversation();
        await fixture.Host.SendAsync(fixture.TeamsMessage("i want to talk to a human", newer));
        fixture.Clock.Set(HandoffHost.InHours);

        var ids = (await fixture.ListAsync()).Select(h => (string)h["conversationId"]!).Where(c => c == older || c == answered || c == newer).ToList();
        var states = (await fixture.ListAsync()).Select(h => (string)h["state"]!).ToList();

        Assert.Equal([older, newer, answered], ids);
        Assert.Equal(states.OrderBy(s => s == "waiting" ? 0 : 1), states);
    }

    [Fact]
    public async Task WithoutSignInTheQueueIs401AndAnApiKeyMayReadButNotReply()
    {
        var (id, _) = await QueueTeamsAsync();

        using var anonymous = await fixture.StaffAsync(HttpMethod.Get, "/staff/api/handoffs", staff: null);
        using var reader = await fixture.StaffAsync(HttpMethod.Get, "/staff/api/handoffs", staff: HandoffHost.ApiReader);
        using var readerReply = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{id}/reply", staff: HandoffHost.ApiReader, json: new { text = StaffText });
        using var anonymousReply = await fixture.StaffAsync(HttpMethod.Post, $"/staff/api/handoffs/{id}/reply", staff: null, json: new { text = StaffText });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerReply.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousReply.StatusCode);
    }

    private async Task<(long Id, string Conversation)> QueueTeamsAsync()
    {
        var conversation = TeamsActivities.PersonalConversation();
        await fixture.Host.SendAsync(fixture.TeamsMessage("i want to talk to a human", conversation));
        return ((long)(await fixture.FindAsync(conversation))!["id"]!, conversation);
    }

    private static async Task<(JArray Activities, string Watermark)> PollPastWelcomeAsync(DirectLineClient client)
    {
        await client.PollUntilBotMessageAsync(null);
        return await client.PollAsync();
    }

    private static IEnumerable<JToken> BotMessages(JArray activities) =>
        activities.Where(a => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == "bot");

    private static JObject Outcome(JToken activity) =>
        (JObject)activity["entities"]!.First(e => (string?)e["type"] == "marrowbot.outcome");
}
