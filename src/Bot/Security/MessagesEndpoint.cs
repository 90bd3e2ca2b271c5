using MarrowBot.Bot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Security;

/// <summary>
/// <c>POST /api/messages</c>, the Bot Framework endpoint, in this order: the activity's shape (a type and an
/// absolute http(s) serviceUrl, else 400, as the SDK itself answers a missing type before it looks at a token), then
/// the caller's token (else 401), then whether local mode may reply to that serviceUrl (else 403), and only then one
/// turn through the CloudAdapter with the identity the token proved. Nothing is stored and no turn runs for a
/// refused request. This replaces <c>CloudAdapter.ProcessAsync</c>, which answers 500 for
/// most malformed tokens and logs every refusal as an error with the exception text.
/// </summary>
public sealed partial class MessagesEndpoint(
    MarrowBotAdapter adapter,
    BotFrameworkAuthentication authentication,
    ServiceUrlPolicy serviceUrls,
    ILogger<MessagesEndpoint> logger)
{
    // Authenticated expectReplies turns need no connector or user-token client; the adapter defers them the same way (ADR 0015).
    private readonly BotFrameworkAuthentication _authentication = new Conversation.DeferredClientsAuthentication(authentication);

    /// <summary>Handles one POST.</summary>
    public async Task HandleAsync(HttpContext context, IBot bot, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var response = context.Response;
        var activity = await HttpHelper.ReadRequestAsync<Activity>(request);
        if (string.IsNullOrEmpty(activity?.Type))
        {
            LogMissingActivity(logger);
            await WriteErrorAsync(response, StatusCodes.Status400BadRequest, "BadArgument", "The body must be a Bot Framework activity with a type.", cancellationToken);
            return;
        }

        var verdict = serviceUrls.Check(activity.ServiceUrl);
        if (verdict == ServiceUrlVerdict.Malformed)
        {
            // Like a missing type, a protocol error of the activity itself, whoever sent it.
            LogMalformedServiceUrl(logger);
            await WriteErrorAsync(response, StatusCodes.Status400BadRequest, "BadArgument", "The activity's serviceUrl must be an absolute http or https URL.", cancellationToken);
            return;
        }

        var authenticated = await AuthenticateAsync(activity, request.Headers.Authorization.ToString(), cancellationToken);
        if (authenticated is null)
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        if (verdict == ServiceUrlVerdict.NotAllowed)
        {
            LogServiceUrlNotAllowed(logger);
            await WriteErrorAsync(response, StatusCodes.Status403Forbidden, "Forbidden", "Without a Microsoft app id the bot replies only to loopback service URLs and those in Security:AllowedServiceUrls.", cancellationToken);
            return;
        }

        var invokeResponse = await adapter.ProcessAuthenticatedAsync(authenticated, activity, bot.OnTurnAsync, cancellationToken);
        await HttpHelper.WriteResponseAsync(response, invokeResponse);
    }

    private async Task<AuthenticateRequestResult?> AuthenticateAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        try
        {
            return await _authentication.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Whatever the token made the checks throw, it is refused: fail closed, never 500. The log names the
            // reason and the exception type only; the token and the exception's text are never written.
            var reason = TokenRejection.ReasonFor(ex);
            if (IsKeyRetrievalFailure(ex))
            {
                LogKeysUnavailable(logger, ex.GetType().Name);
            }
            else
            {
                LogTokenRejected(logger, reason, ex.GetType().Name);
            }

            return null;
        }
    }

    // The signing keys could not be fetched (network or metadata endpoint down): still a refusal, but the operator's
    // problem rather than the caller's, so it is logged as an error.
    private static bool IsKeyRetrievalFailure(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException or IOException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static Task WriteErrorAsync(HttpResponse response, int status, string code, string message, CancellationToken cancellationToken)
    {
        // The Bot Framework's own error body (ErrorResponse), so a channel's client can read it.
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new { error = new { code, message } }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to /api/messages: no activity or no activity type")]
    private static partial void LogMissingActivity(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to /api/messages with 401: {Reason} ({ExceptionType})")]
    private static partial void LogTokenRejected(ILogger logger, string reason, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused a request to /api/messages with 401: the Bot Framework signing keys could not be fetched ({ExceptionType})")]
    private static partial void LogKeysUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity with 400: its serviceUrl is missing or not an http(s) URL")]
    private static partial void LogMalformedServiceUrl(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity with 403: local mode replies only to loopback service URLs and Security:AllowedServiceUrls")]
    private static partial void LogServiceUrlNotAllowed(ILogger logger);
}
