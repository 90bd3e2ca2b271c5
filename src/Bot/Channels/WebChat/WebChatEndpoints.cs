using System.Net;
using System.Net.Http.Headers;
using MarrowBot.Bot.Channels.DirectLine;
using MarrowBot.Knowledge.Answering;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Channels.WebChat;

/// <summary>
/// The visitor's page and where it gets its Direct Line token. With an Azure Direct Line secret configured the
/// secret is exchanged for a token here, on the server, and never reaches the browser; otherwise the token comes
/// from the local channel. A page that already has a conversation resumes it.
/// </summary>
public static partial class WebChatEndpoints
{
    public const string AzureClient = "directline-azure";

    public static void MapWebChat(this WebApplication app)
    {
        app.MapGet("/", PageAsync);
        app.MapPost("/api/webchat/token", TokenAsync);
    }

    private static async Task<IResult> PageAsync(HttpContext context, IWebHostEnvironment environment, IOptions<SafetyOptions> safety, CancellationToken cancellationToken)
    {
        var file = environment.WebRootFileProvider.GetFileInfo("index.html");
        using var reader = new StreamReader(file.CreateReadStream());
        var html = (await reader.ReadToEndAsync(cancellationToken))
            .Replace("{{EMERGENCY}}", WebUtility.HtmlEncode(safety.Value.EmergencyText), StringComparison.Ordinal)
            .Replace("{{CARE_TEAM}}", WebUtility.HtmlEncode(safety.Value.CareTeamText), StringComparison.Ordinal)
            .Replace("{{CSP_NONCE}}", MarrowBot.Bot.Hosting.EdgeProtection.CspNonce.For(context), StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> TokenAsync(
        HttpContext context,
        IOptions<DirectLineOptions> options,
        DirectLineTokens tokens,
        DirectLineConversations conversations,
        IHttpClientFactory httpClients,
        ILogger<DirectLineOptions> logger)
    {
        // Requests per client address are limited by the edge rate limiter (DirectLine:TokensPerMinute).
        var settings = options.Value;
        var request = await ReadResumeAsync(context.Request, context.RequestAborted);
        if (settings.UsesAzure)
        {
            return await AzureTokenAsync(settings, httpClients.CreateClient(AzureClient), logger, context.RequestAborted);
        }

        if (!settings.LocalChannelEnabled)
        {
            return Results.NotFound();
        }

        var domain = $"{context.Request.Scheme}://{context.Request.Host}/v3/directline";
        if (tokens.Validate(request?.Token) is { } grant && grant.ConversationId == request!.ConversationId && conversations.Find(grant.ConversationId) is not null)
        {
            return DirectLineEndpoints.Payload(new { mode = "local", domain, conversationId = grant.ConversationId, token = tokens.Issue(grant.ConversationId, grant.UserId), userId = grant.UserId, resumed = true });
        }

        var (conversation, token) = DirectLineEndpoints.NewConversation(conversations, tokens);
        return DirectLineEndpoints.Payload(new { mode = "local", domain, conversationId = conversation.Id, token, userId = conversation.UserId, resumed = false });
    }

    private static async Task<IResult> AzureTokenAsync(DirectLineOptions settings, HttpClient client, ILogger logger, CancellationToken cancellationToken)
    {
        var userId = "dl_" + Guid.NewGuid().ToString("N")[..16];
        using var message = new HttpRequestMessage(HttpMethod.Post, settings.AzureEndpoint.TrimEnd('/') + "/tokens/generate")
        {
            Content = new StringContent(JsonConvert.SerializeObject(new { user = new { id = userId } }), System.Text.Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Secret);
        try
        {
            using var response = await client.SendAsync(message, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogAzureFailed(logger, (int)response.StatusCode);
                return Results.StatusCode(StatusCodes.Status502BadGateway);
            }

            var body = JObject.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return DirectLineEndpoints.Payload(new { mode = "azure", domain = settings.AzureEndpoint, conversationId = (string?)body["conversationId"], token = (string?)body["token"], userId, resumed = false });
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            LogAzureFailed(logger, 0);
            return Results.StatusCode(StatusCodes.Status502BadGateway);
        }
    }

    private static async Task<ResumeRequest?> ReadResumeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is null or 0 or > 4096)
        {
            return null;
        }

        try
        {
            using var reader = new StreamReader(request.Body);
            return JsonConvert.DeserializeObject<ResumeRequest>(await reader.ReadToEndAsync(cancellationToken));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ResumeRequest(string? ConversationId, string? Token);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure Direct Line token exchange failed with status {Status}")]
    private static partial void LogAzureFailed(ILogger logger, int status);
}
