using System.Net.WebSockets;
using System.Text;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line 3.0 surface that the Web Chat client calls (shared/guides/direct-line.md): tokens, conversations,
/// posting with an echo that carries the server id and the client's clientActivityID, polling with watermarks and a
/// WebSocket stream that replays after a watermark. Status codes follow what the client expects: 403 for a bad or
/// expired token, 404 for an unknown conversation (never 400 or 500 on a poll), 413 for an oversize post, 400 for
/// malformed JSON, 429 with Retry-After for a flood.
/// </summary>
public static partial class DirectLineEndpoints
{
    public static readonly JsonSerializerSettings Json = new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,

        // A deeply nested body is malformed JSON (400), never a deep recursion further in.
        MaxDepth = 64,
    };

    public static void MapDirectLine(this WebApplication app)
    {
        var group = app.MapGroup("/v3/directline");
        group.MapPost("/tokens/generate", GenerateAsync);
        group.MapPost("/tokens/refresh", Refresh);
        group.MapPost("/conversations", StartConversation);
        group.MapGet("/conversations/{conversationId}", GetConversation);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapPost("/conversations/{conversationId}/upload", UploadAsync);
        group.Map("/conversations/{conversationId}/stream", StreamAsync);
    }

    /// <summary>A new conversation and a token bound to it (what the page's token endpoint does in local mode).</summary>
    public static (DirectLineConversation Conversation, string Token) NewConversation(DirectLineConversations conversations, DirectLineTokens tokens)
    {
        var conversation = conversations.Create("visitor-" + Guid.NewGuid().ToString("N")[..16]);
        return (conversation, tokens.Issue(conversation.Id, conversation.UserId));
    }

    // Tokens per client address are limited by the edge rate limiter (DirectLine:TokensPerMinute, Hosting/EdgeProtection).
    private static Task<IResult> GenerateAsync(DirectLineConversations conversations, DirectLineTokens tokens)
    {
        var (conversation, token) = NewConversation(conversations, tokens);
        return Task.FromResult(Payload(new { conversationId = conversation.Id, token, expires_in = tokens.LifetimeSeconds }));
    }

    private static IResult Refresh(HttpRequest request, DirectLineTokens tokens)
    {
        var grant = tokens.FromHeader(request);
        return grant is null
            ? Results.StatusCode(StatusCodes.Status403Forbidden)
            : Payload(new { conversationId = grant.ConversationId, token = tokens.Issue(grant.ConversationId, grant.UserId), expires_in = tokens.LifetimeSeconds });
    }

    private static IResult StartConversation(HttpContext context, DirectLineTokens tokens, DirectLineConversations conversations, DirectLineBridge bridge, IHostApplicationLifetime lifetime)
    {
        var grant = tokens.FromHeader(context.Request);
        if (grant is null)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (conversations.Find(grant.ConversationId) is not { } conversation)
        {
            return Results.NotFound();
        }

        var isNew = false;
        lock (conversation)
        {
            if (!conversation.Started)
            {
                conversation.Started = isNew = true;
            }
        }

        if (isNew)
        {
            _ = bridge.StartAsync(conversation, lifetime.ApplicationStopping);
        }

        return Payload(
            new { conversationId = conversation.Id, token = tokens.Issue(conversation.Id, conversation.UserId), expires_in = tokens.LifetimeSeconds, streamUrl = StreamUrl(context.Request, conversation.Id, grant, tokens, null) },
            isNew ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static IResult GetConversation(HttpContext context, string conversationId, string? watermark, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        if (Authorize(context.Request, conversationId, tokens, conversations, out var grant, out _) is { } denied)
        {
            return denied;
        }

        return Payload(new { conversationId, token = tokens.Issue(conversationId, grant!.UserId), expires_in = tokens.LifetimeSeconds, streamUrl = StreamUrl(context.Request, conversationId, grant, tokens, watermark) });
    }

    private static IResult GetActivities(HttpRequest request, string conversationId, string? watermark, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        if (Authorize(request, conversationId, tokens, conversations, out _, out var conversation) is { } denied)
        {
            return denied;
        }

        var (activities, next) = conversation!.After(ParseWatermark(watermark));
        return Payload(new { activities, watermark = next.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private static async Task<IResult> PostActivityAsync(HttpContext context, string conversationId, DirectLineTokens tokens, DirectLineConversations conversations, DirectLineBridge bridge, DirectLineRateLimits limits, IOptions<DirectLineOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime)
    {
        if (Authorize(context.Request, conversationId, tokens, conversations, out var grant, out var conversation) is { } denied)
        {
            return denied;
        }

        if (!limits.TryAcquire("post:" + conversationId, options.Value.PostsPerMinute, out var retry))
        {
            return TooMany(context, retry);
        }

        var body = await ReadLimitedAsync(context.Request, options.Value.MaxActivityBytes, context.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = JsonConvert.DeserializeObject<Activity>(body, Json);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null)
        {
            return Results.BadRequest(new { error = new { code = "BadArgument", message = "The body is not a valid activity." } });
        }

        var stored = conversation!.Append(FromUser(activity, conversation, grant!, clock));
        _ = bridge.RespondAsync(conversation, stored, lifetime.ApplicationStopping);
        return Payload(new { id = stored.Id });
    }

    /// <summary>
    /// A message with files: the same per-conversation rate limit and size limit as a post (the edge also bounds
    /// the body to <see cref="DirectLineOptions.MaxActivityBytes"/>), since an upload runs a turn just the same.
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext context, string conversationId, DirectLineTokens tokens, DirectLineConversations conversations, DirectLineBridge bridge, DirectLineRateLimits limits, IOptions<DirectLineOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime)
    {
        if (Authorize(context.Request, conversationId, tokens, conversations, out var grant, out var conversation) is { } denied)
        {
            return denied;
        }

        if (!limits.TryAcquire("post:" + conversationId, options.Value.PostsPerMinute, out var retry))
        {
            return TooMany(context, retry);
        }

        if (!context.Request.HasFormContentType)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        if (context.Request.ContentLength > options.Value.MaxActivityBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var maxBytes = options.Value.MaxActivityBytes;
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = maxBytes, BufferBodyLengthLimit = maxBytes, ValueLengthLimit = maxBytes }, context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var activity = new Activity(ActivityTypes.Message);
        if (form.Files.GetFile("activity") is { } activityPart)
        {
            using var reader = new StreamReader(activityPart.OpenReadStream());
            try
            {
                activity = JsonConvert.DeserializeObject<Activity>(await reader.ReadToEndAsync(context.RequestAborted), Json) ?? activity;
            }
            catch (JsonException)
            {
                return Results.BadRequest(new { error = new { code = "BadArgument", message = "The activity part is not a valid activity." } });
            }
        }

        // The bot reads no attachments, so only their names and types are kept, never their content.
        activity.Attachments = form.Files.Where(f => f.Name != "activity")
            .Select(f => new Attachment(f.ContentType, name: Path.GetFileName(f.FileName)))
            .ToList();
        var stored = conversation!.Append(FromUser(activity, conversation, grant!, clock));
        _ = bridge.RespondAsync(conversation, stored, lifetime.ApplicationStopping);
        return Payload(new { id = stored.Id });
    }

    private static async Task StreamAsync(HttpContext context, string conversationId, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var grant = tokens.Validate(context.Request.Query["t"]);
        if (grant is null || grant.ConversationId != conversationId)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (conversations.Find(conversationId) is not { } conversation)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var signal = conversation.Listen();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        _ = DrainClientFramesAsync(socket, closed);
        try
        {
            var watermark = ParseWatermark(context.Request.Query["watermark"]);
            while (!closed.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var (activities, next) = conversation.After(watermark);
                if (activities.Count > 0)
                {
                    var frame = JsonConvert.SerializeObject(new { activities, watermark = next.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Json);
                    await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                    watermark = next;
                }

                await signal.Reader.WaitToReadAsync(closed.Token);
                signal.Reader.TryRead(out _);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away; it reconnects through GET /conversations/{id} and resumes from its watermark.
        }
        finally
        {
            conversation.StopListening(signal);
            await closed.CancelAsync();
        }
    }

    /// <summary>Reads and discards what the client sends (its 20-second keep-alive frames) and notices when it closes.</summary>
    private static async Task DrainClientFramesAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            await closed.CancelAsync();
        }
    }

    private static Activity FromUser(Activity activity, DirectLineConversation conversation, DirectLineGrant grant, TimeProvider clock)
    {
        // The channel, not the client, decides who is speaking and where.
        activity.Type ??= ActivityTypes.Message;
        activity.ChannelId = DirectLineBridge.ChannelId;
        activity.From = new ChannelAccount(grant.UserId, activity.From?.Name, RoleTypes.User);
        activity.Recipient = DirectLineBridge.Bot;
        activity.Conversation = new ConversationAccount(id: conversation.Id);
        activity.ServiceUrl = null;
        activity.Timestamp = clock.GetUtcNow();
        return activity;
    }

    private static IResult? Authorize(HttpRequest request, string conversationId, DirectLineTokens tokens, DirectLineConversations conversations, out DirectLineGrant? grant, out DirectLineConversation? conversation)
    {
        grant = tokens.FromHeader(request);
        conversation = null;
        if (grant is null || grant.ConversationId != conversationId)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        conversation = conversations.Find(conversationId);
        return conversation is null ? Results.NotFound() : null;
    }

    private static string StreamUrl(HttpRequest request, string conversationId, DirectLineGrant grant, DirectLineTokens tokens, string? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(tokens.Issue(conversationId, grant.UserId))}";
        return string.IsNullOrEmpty(watermark) ? url : $"{url}&watermark={Uri.EscapeDataString(watermark)}";
    }

    private static int ParseWatermark(string? watermark) =>
        int.TryParse(watermark, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>The request body as text, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    private static async Task<string?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new byte[limit + 1];
        var total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(total, buffer.Length - total), cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static IResult TooMany(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    public static IResult Payload(object value, int status = StatusCodes.Status200OK) =>
        Results.Content(JsonConvert.SerializeObject(value, Json), "application/json", Encoding.UTF8, status);
}
