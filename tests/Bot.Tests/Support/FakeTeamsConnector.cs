using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>
/// A stand-in for the Teams Bot Connector on a loopback port (a real Kestrel listener): it records what the bot posts
/// to POST /v3/conversations/{id}/activities (a new message, as proactive messages are sent) and
/// /v3/conversations/{id}/activities/{replyToId} (a reply), and answers with an id as the connector does.
/// </summary>
public sealed class FakeTeamsConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string ConversationId, string? ReplyToId, JObject Activity)> _posts = new();

    private FakeTeamsConnector(WebApplication app) => _app = app;

    /// <summary>The service URL to put on Teams activities, ending with "/" as the Teams service's does.</summary>
    public string ServiceUrl => _app.Urls.First() + "/";

    public IReadOnlyList<(string ConversationId, string? ReplyToId, JObject Activity)> Posts => [.. _posts];

    /// <summary>The status the connector answers with: 200 unless a test makes it fail.</summary>
    public int AnswerWith { get; set; } = StatusCodes.Status200OK;

    public static async Task<FakeTeamsConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new FakeTeamsConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities", (string conversationId, HttpRequest request) => connector.RecordAsync(conversationId, null, request));
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (string conversationId, string replyToId, HttpRequest request) => connector.RecordAsync(conversationId, replyToId, request));
        await app.StartAsync();
        return connector;
    }

    /// <summary>Waits until a posted activity matches, failing after 10 s.</summary>
    public async Task<JObject> WaitForAsync(Func<JObject, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_posts.FirstOrDefault(p => match(p.Activity)) is { Activity: not null } found)
            {
                return found.Activity;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the connector received no such activity");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> RecordAsync(string conversationId, string? replyToId, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        _posts.Enqueue((conversationId, replyToId, JObject.Parse(await reader.ReadToEndAsync())));
        return AnswerWith == StatusCodes.Status200OK
            ? Results.Json(new { id = "1:" + Guid.NewGuid().ToString("N") })
            : Results.StatusCode(AnswerWith);
    }
}
