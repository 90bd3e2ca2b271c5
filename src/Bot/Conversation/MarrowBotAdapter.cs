using MarrowBot.Bot.Security;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Knowledge.Answering;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Conversation;

/// <summary>
/// Bot Builder's CloudAdapter with the bot's error policy: a failed turn is logged (type and ids, never the
/// message), and the person gets a calm apology with a way to reach their care team; the process keeps serving.
/// Every turn is recorded in the transcript (<see cref="TranscriptRecording"/>) without waiting on the store.
/// </summary>
public sealed partial class MarrowBotAdapter : CloudAdapter
{
    private readonly BotFrameworkAuthentication _authentication;
    private readonly BotAppIdentity _identity;

    public MarrowBotAdapter(BotFrameworkAuthentication authentication, BotAppIdentity identity, ReplyActivities replies, IOptions<SafetyOptions> contacts, TranscriptRecording transcripts, Observability.TurnMetricsMiddleware metrics, ILogger<MarrowBotAdapter> logger)
        : this(new DeferredClientsAuthentication(authentication), identity, replies, contacts, transcripts, metrics, logger)
    {
    }

    private MarrowBotAdapter(DeferredClientsAuthentication authentication, BotAppIdentity identity, ReplyActivities replies, IOptions<SafetyOptions> contacts, TranscriptRecording transcripts, Observability.TurnMetricsMiddleware metrics, ILogger<MarrowBotAdapter> logger)
        : base(authentication, logger)
    {
        // The same deferred authentication the base uses, so local turns build no connector client either.
        _authentication = authentication;
        _identity = identity;
        Use(metrics);
        transcripts.AttachTo(this);
        OnTurnError = async (turnContext, exception) =>
        {
            LogTurnFailed(logger, exception.GetType().Name, turnContext.Activity?.Type, turnContext.Activity?.Conversation?.Id, exception);
            try
            {
                await turnContext.SendActivityAsync(replies.ToActivity(Responder.Apology(contacts.Value)));
            }
            catch (Exception sendFailure)
            {
                LogApologyFailed(logger, sendFailure.GetType().Name, sendFailure);
            }
        };
    }

    /// <summary>
    /// Runs one turn for an activity that arrived through the local Direct Line channel, with the replies buffered
    /// (deliveryMode expectReplies) and returned instead of posted to a connector.
    /// </summary>
    /// <remarks>
    /// The local channel is this process: its visitors are checked by its own Direct Line tokens, and no Bot
    /// Framework token exists for it. So the turn runs as the bot itself (the identity CloudAdapter builds for
    /// proactive turns), whatever the Bot Framework settings; authenticating an empty header would fail as soon as an
    /// app id is set. No connector is called: the replies stay buffered.
    /// </remarks>
    public async Task<IReadOnlyList<Activity>> ProcessLocallyAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        var identity = CreateClaimsIdentity(_identity.AppId);
        var self = new AuthenticateRequestResult
        {
            ClaimsIdentity = identity,
            Audience = _authentication.GetOriginatingAudience(),
            ConnectorFactory = _authentication.CreateConnectorFactory(identity),
        };
        var response = await ProcessActivityAsync(self, activity, callback, cancellationToken);
        return response?.Body is ExpectedReplies replies ? [.. replies.Activities] : [];
    }

    /// <summary>
    /// Runs a proactive turn in the conversation <paramref name="reference"/> names, as the bot itself: what the
    /// callback sends goes to the reference's service URL (Teams: the Bot Connector), unless the callback's own send
    /// handler delivers it (the local Direct Line channel). The SDK's string overload refuses an empty app id (local
    /// mode), so the identity is built the way CloudAdapter builds it for proactive turns.
    /// </summary>
    public Task ContinueAsBotAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ContinueConversationAsync(CreateClaimsIdentity(_identity.AppId), reference, _authentication.GetOriginatingAudience(), callback, cancellationToken);

    /// <summary>Runs one turn for an activity whose request <see cref="MessagesEndpoint"/> has already authenticated.</summary>
    public Task<InvokeResponse> ProcessAuthenticatedAsync(AuthenticateRequestResult authenticated, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ProcessActivityAsync(authenticated, activity, callback, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ActivityType} turn failed in conversation {ConversationId} with {ExceptionType}")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType, string? activityType, string? conversationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the apology: {ExceptionType}")]
    private static partial void LogApologyFailed(ILogger logger, string exceptionType, Exception exception);
}
