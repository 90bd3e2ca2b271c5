using System.Net;
using System.Net.Http.Json;
using MarrowBot.Bot.Tests.Staff;
using MarrowBot.Knowledge;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Conversations;
using Microsoft.Extensions.Options;
using Moq;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Improve;

/// <summary>
/// Improving the bot from a transcript through the real host (ADR 0029): an editor adds a person's message to the
/// overlay in the data store; a reviewer is refused; the JSON API needs the anti-forgery header; a missed
/// red flag becomes a triage case; a retrain runs in the background and its figures are listed.
/// </summary>
public sealed class ImprovementThroughTheHostTests(StaffConsoleHost console) : IClassFixture<StaffConsoleHost>
{
    private const string Editor = "editor";

    private string OverlayPath => console.Host.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.OverlayPath!;

    private IOverlayStore Store => console.Host.Services.GetRequiredService<IOverlayStore>();

    private KnowledgeBase Knowledge => console.Host.Services.GetRequiredService<KnowledgeBase>();

    [Fact]
    public void TheOverlayFileToImportIsLookedForBesideTheDataStoreNotInTheBuildOutput()
    {
        var database = console.Host.Services.GetRequiredService<IOptions<MarrowBot.Bot.Storage.StorageOptions>>().Value.SqlitePath!;

        Assert.Equal(Path.GetDirectoryName(Path.GetFullPath(database)), Path.GetDirectoryName(OverlayPath));
        Assert.False(MarrowBot.Bot.Storage.StorageLocation.IsInBuildOutput(OverlayPath));
    }

    [Fact]
    public async Task AnEditorAddsAPersonsMessageAsAPhrasingAndTheStoredOverlayHasItWithWhoAndWhere()
    {
        var word = StaffConsoleHost.Word();
        var conversation = await console.ConversationAsync($"what makes the marrow stop working {word}");
        using var client = console.Client("ed.phrasing", Editor);
        var (token, message) = await MessageAsync(client, conversation);
        var intent = Knowledge.Faqs[0].Id;

        using var response = await PostJsonAsync(client, ImprovePath(conversation, message), token, new { action = "phrasing", intent, text = $"why does marrow stop working {word}" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = Assert.Single((await StoredAsync()).Phrasings, p => p.Text.Contains(word, StringComparison.Ordinal));
        Assert.Equal(intent, added.Intent);
        Assert.Equal("ed.phrasing", added.AddedBy);
        Assert.Equal($"emulator/{conversation}/{DecodedActivity(message)}", added.Source);
        console.Audit.Verify(a => a.RecordAsync(It.Is<StaffAuditEntry>(e => e.Actor == "ed.phrasing" && e.Action == StaffAuditActions.ContentChanged && e.Detail == $"phrasing of {intent}"), It.IsAny<CancellationToken>()));
        console.Audit.Verify(a => a.RecordAsync(It.Is<StaffAuditEntry>(e => (e.Detail ?? string.Empty).Contains(word)), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task WithoutATextTheStoredMessageIsAddedAsOutOfScope()
    {
        var word = StaffConsoleHost.Word();
        var conversation = await console.ConversationAsync($"which bus goes to the seaside {word}");
        using var client = console.Client("ed.scope", Editor);
        var (token, message) = await MessageAsync(client, conversation);

        using var response = await PostJsonAsync(client, ImprovePath(conversation, message), token, new { action = "out-of-scope" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains((await StoredAsync()).OutOfScope, p => p.Text == $"which bus goes to the seaside {word}");
    }

    [Fact]
    public async Task AnEditorMakesATriageCaseWithATierAndAnUnknownTierIs400()
    {
        var word = StaffConsoleHost.Word();
        var conversation = await console.ConversationAsync($"my arm feels odd {word}");
        using var client = console.Client("ed.case", Editor);
        var (token, message) = await MessageAsync(client, conversation);

        using var made = await PostJsonAsync(client, ImprovePath(conversation, message), token, new { action = "triage-case", tier = "emergency" });
        using var unknown = await PostJsonAsync(client, ImprovePath(conversation, message), token, new { action = "triage-case", tier = "whenever" });

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var triageCase = Assert.Single((await StoredAsync()).TriageCases, c => c.Text.Contains(word, StringComparison.Ordinal));
        Assert.Equal(TriageTier.Emergency, triageCase.Tier);
    }

    [Fact]
    public async Task AReviewerIsRefusedTheEditorActionsWith403AndNothingIsAdded()
    {
        var word = StaffConsoleHost.Word();
        var conversation = await console.ConversationAsync($"what is aplastic anaemia {word}");
        using var client = console.Client("nurse.refused", "reviewer");
        var (token, message) = await MessageAsync(client, conversation);

        using var api = await PostJsonAsync(client, ImprovePath(conversation, message), token, new { action = "out-of-scope" });
        using var page = await client.GetAsync("/staff/improve");
        var transcript = await client.GetStringAsync($"/staff/conversations/{Key(conversation)}");

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain("Improve the bot from this message", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(word, await ReadOverlayTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutASessionTheApiIs401AndThePageRedirectsToSignIn()
    {
        using var client = console.Client(name: null);

        using var api = await client.PostAsync("/staff/api/improve/retrain", null);
        using var page = await client.GetAsync("/staff/improve");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = page.Headers.Location!;
        Assert.StartsWith("/staff/sign-in", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditorsJsonPostWithoutTheAntiforgeryHeaderIs400AndNothingIsAdded()
    {
        var word = StaffConsoleHost.Word();
        var conversation = await console.ConversationAsync($"can I swim {word}");
        using var client = console.Client("ed.forged", Editor);
        var (_, message) = await MessageAsync(client, conversation);

        using var request = new HttpRequestMessage(HttpMethod.Post, ImprovePath(conversation, message)) { Content = JsonContent.Create(new { action = "out-of-scope" }) };
        using var response = await client.SendAsync(request);
        using var retrain = await client.PostAsync("/staff/api/improve/retrain", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, retrain.StatusCode);
        Assert.DoesNotContain(word, await ReadOverlayTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTranscriptOffersAnEditorTheFormWhoseTokenlessPostIs400AndWhoseTokenedPostAddsAndComesBack()
    {
        var word = StaffConsoleHost.Word();
        var conversation = await console.ConversationAsync($"is there a cure for marrow failure {word}");
        using var client = console.Client("ed.form", Editor);
        var (token, message) = await MessageAsync(client, conversation);
        var html = await client.GetStringAsync($"/staff/conversations/{Key(conversation)}");
        var path = $"/staff/conversations/{Key(conversation)}/turns/{message}/improve";

        using var forged = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "out-of-scope" }));
        using var added = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["action"] = "out-of-scope", ["text"] = $"edited by the editor {word}" }));

        Assert.Contains("Improve the bot from this message", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"{path}\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains((await StoredAsync()).OutOfScope, p => p.Text == $"edited by the editor {word}");
    }

    [Fact]
    public async Task LabellingAReplyMissedRedFlagAddsThePersonsMessageAsAnUrgentTriageCase()
    {
        var word = StaffConsoleHost.Word();
        var conversation = await console.ConversationAsync($"everything went a bit grey and wobbly {word}");
        using var client = console.Client("nurse.flag", "reviewer");
        var token = await StaffConsoleHost.FormTokenAsync(client, $"/staff/conversations/{Key(conversation)}");
        var transcript = JObject.Parse(await client.GetStringAsync($"/staff/api/conversations/{Key(conversation)}"));
        var reply = (string)transcript["turns"]!.Last(t => (string)t["role"]! == "bot")["activityKey"]!;

        using var labelled = await PostJsonAsync(client, $"/staff/api/conversations/{Key(conversation)}/turns/{reply}/labels", token, new { label = TurnLabels.MissedRedFlag, tier = "emergency" });

        Assert.Equal(HttpStatusCode.Created, labelled.StatusCode);
        var triageCase = Assert.Single((await StoredAsync()).TriageCases, c => c.Text.Contains(word, StringComparison.Ordinal));
        Assert.Equal(TriageTier.Urgent, triageCase.Tier); // a reviewer cannot raise it; an editor can
        Assert.Equal(TurnLabels.MissedRedFlag, triageCase.FromLabel);
        Assert.Equal(triageCase.Id, (string?)JObject.Parse(await labelled.Content.ReadAsStringAsync())["triageCase"]);
    }

    [Fact]
    public async Task ARetrainRunsInTheBackgroundAndItsBeforeAndAfterFiguresAreListed()
    {
        using var client = console.Client("ed.retrain", Editor);
        var token = await StaffConsoleHost.FormTokenAsync(client, "/staff/improve");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/staff/api/improve/retrain") { Headers = { { "X-CSRF-TOKEN", token } } };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        JToken? run = null;
        for (var i = 0; i < 240 && run is null; i++)
        {
            await Task.Delay(500);
            var status = JObject.Parse(await client.GetStringAsync("/staff/api/improve"));
            run = status["runs"]!.FirstOrDefault(r => (string?)r["requestedBy"] == "ed.retrain" && r["outcome"]!.Type != JTokenType.Null);
        }

        Assert.NotNull(run);
        Assert.Contains((string)run["outcome"]!, new[] { "accepted", "rejected" });
        Assert.True((int)run["before"]!["answerable"]! > 0);
        Assert.True((double)run["after"]!["emergencyRecall"]! > 0);
        var page = await client.GetStringAsync("/staff/improve");
        Assert.Contains("Held-out figures, run", page, StringComparison.Ordinal);
    }

    private async Task<KnowledgeOverlay> StoredAsync() =>
        await Store.ReadAsync(CancellationToken.None) is { } stored ? OverlayFile.Parse(stored.Json, "test", Knowledge) : KnowledgeOverlay.Empty;

    private async Task<string> ReadOverlayTextAsync() =>
        await Store.ReadAsync(CancellationToken.None) is { } stored ? System.Text.Encoding.UTF8.GetString(stored.Json) : string.Empty;

    private static async Task<(string Token, string Message)> MessageAsync(HttpClient client, string conversation)
    {
        var token = await StaffConsoleHost.FormTokenAsync(client, $"/staff/conversations/{Key(conversation)}");
        var transcript = JObject.Parse(await client.GetStringAsync($"/staff/api/conversations/{Key(conversation)}"));
        return (token, (string)transcript["turns"]!.First(t => (string)t["role"]! == "user")["activityKey"]!);
    }

    private static string DecodedActivity(string segment) => ConversationKey.TryDecodeSegment(segment, out var id) ? id : segment;

    private static string ImprovePath(string conversation, string message) => $"/staff/api/conversations/{Key(conversation)}/turns/{message}/improve";

    private static string Key(string conversation) => new ConversationKey("emulator", conversation).ToSegment();

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body), Headers = { { "X-CSRF-TOKEN", token } } };
        return await client.SendAsync(request);
    }
}
