using MarrowBot.Bot.Channels.Teams;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Conversation;

/// <summary>
/// The bot's activity handler: a thin edge. Every message addressed to the bot is triaged first, before state is
/// read, the classifier runs or any dialog continues, and an urgent or emergency one gets its safety reply before
/// state is read; then the <see cref="Responder"/> decides the replies. If anything after triage fails (storage,
/// classifier), the safety reply still goes out. In Teams group chats and
/// channels only messages that @mention the bot are addressed to it, and the mention is removed before triage.
/// Reactions are recorded as feedback without a reply; typing and events are left to the protocol.
/// </summary>
public sealed partial class MarrowBotHandler(
    ITriageEngine triage,
    LiveKnowledge knowledge,
    ReplyActivities replies,
    ConversationState conversationState,
    TeamsGreeting greeting,
    ReactionRecorder reactions,
    Transcripts.ConversationEraser eraser,
    Handoff.HandoffIntake handoff,
    ILogger<MarrowBotHandler> logger) : ActivityHandler
{
    private static readonly TriageContext ExpectingTemperature = new() { ExpectingTemperature = true };
    private readonly IStatePropertyAccessor<ConversationMemory> _memory = conversationState.CreateProperty<ConversationMemory>("memory");

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;

        // One snapshot for the whole turn: a retrain swapping in a new one (ADR 0029) never mixes the two.
        var responder = knowledge.Current.Responder;
        if (TeamsScope.TextForBot(activity) is not { } text)
        {
            LogNotAddressed(logger, activity.Conversation?.Id);
            return;
        }

        // Safety first, before state is read: a message that is urgent or an emergency on its own gets its safety
        // reply at once, however slow the store. The memory's one effect on triage (a pending follow-up question
        // makes a bare number a temperature) can only add an urgent reading, never lower a tier or reach emergency,
        // so for such a message the tier is final; the rest of the turn treats it on its own (ADR 0014).
        var safety = triage.Assess(text);
        var safetySent = safety.Tier >= TriageTier.Urgent;
        if (safetySent)
        {
            LogTriage(logger, safety.Tier, string.Join(",", safety.Categories), activity.Conversation?.Id);
            await SendAsync(turnContext, [responder.SafetyFirst(safety)], cancellationToken);
        }

        var memory = await LoadMemoryAsync(turnContext, cancellationToken);
        if (safetySent)
        {
            // The pending follow-up is answered by the reply just sent: Respond then gives the same safety reply,
            // which is left out below, and remembers what was sent.
            memory = memory with { FollowUp = null };
        }
        else if (memory.FollowUp is not null && text.Length <= 40)
        {
            // A bare number right after the bot asked for a reading is a temperature; a longer message is read on its own.
            safety = triage.Assess(text, ExpectingTemperature);
        }

        if (!safetySent && safety.Tier > TriageTier.None)
        {
            LogTriage(logger, safety.Tier, string.Join(",", safety.Categories), activity.Conversation?.Id);
        }

        TurnResult result;
        try
        {
            result = string.IsNullOrWhiteSpace(text) && TeamsScope.HasAttachments(activity)
                ? new TurnResult(memory.Welcomed ? [responder.NoText()] : [responder.Welcome(), responder.NoText()], memory with { Welcomed = true })
                : responder.Respond(text, memory, safety);
        }
        catch (Exception ex) when (safety.Tier >= TriageTier.Routine)
        {
            // The safety reply must not be lost to a failure elsewhere; the apology explains the rest.
            LogAnswerFailed(logger, ex.GetType().Name, activity.Conversation?.Id);
            result = responder.SafetyOnly(memory, safety);
        }

        if (safetySent)
        {
            result = result with { Replies = WithoutFirstSafetyReply(result.Replies) };
        }

        // A request for a person goes into the staff's hand-off queue, and its reply says so (ADR 0028).
        result = await handoff.ApplyAsync(turnContext, text, result, cancellationToken);
        await SendAsync(turnContext, result.Replies, cancellationToken);
        if (result.ForgetConversation)
        {
            await eraser.EraseAsync(turnContext, conversationState, cancellationToken);
            return;
        }

        await SaveMemoryAsync(turnContext, result.Memory, cancellationToken);
    }

    /// <summary>
    /// Replaces the base dispatch, which calls OnMembersAddedAsync only when someone other than the bot joined: in
    /// Teams the bot itself being added is the install that deserves a greeting.
    /// </summary>
    protected override Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.MembersAdded is { Count: > 0 } added && TeamsGreeting.ShouldGreet(turnContext.Activity, added)
            ? GreetAsync(turnContext, cancellationToken)
            : Task.CompletedTask;

    /// <summary>The app was installed (Teams sends "add"; "add-upgrade" is an update of an installed app, already greeted).</summary>
    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Action == "add" ? GreetAsync(turnContext, cancellationToken) : Task.CompletedTask;

    protected override Task OnReactionsAddedAsync(IList<MessageReaction> messageReactions, ITurnContext<IMessageReactionActivity> turnContext, CancellationToken cancellationToken) =>
        reactions.RecordAsync(turnContext, messageReactions, added: true, cancellationToken);

    protected override Task OnReactionsRemovedAsync(IList<MessageReaction> messageReactions, ITurnContext<IMessageReactionActivity> turnContext, CancellationToken cancellationToken) =>
        reactions.RecordAsync(turnContext, messageReactions, added: false, cancellationToken);

    /// <summary>Greets once per conversation: Teams announces an install both as a conversationUpdate and an installationUpdate.</summary>
    private async Task GreetAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var memory = await LoadMemoryAsync(turnContext, cancellationToken);
        if (memory.Welcomed)
        {
            return;
        }

        await SendAsync(turnContext, [greeting.For(turnContext.Activity)], cancellationToken);
        await SaveMemoryAsync(turnContext, memory with { Welcomed = true }, cancellationToken);
    }

    /// <summary>Reads the conversation memory; if storage fails, carries on with a fresh one so that safety never waits on storage.</summary>
    private async Task<ConversationMemory> LoadMemoryAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        try
        {
            return await _memory.GetAsync(turnContext, () => ConversationMemory.New, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStateFailed(logger, "read", ex.GetType().Name, turnContext.Activity.Conversation?.Id);
            return ConversationMemory.New;
        }
    }

    private async Task SaveMemoryAsync(ITurnContext turnContext, ConversationMemory memory, CancellationToken cancellationToken)
    {
        try
        {
            await _memory.SetAsync(turnContext, memory, cancellationToken);
            await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStateFailed(logger, "write", ex.GetType().Name, turnContext.Activity.Conversation?.Id);
        }
    }

    private static List<Reply> WithoutFirstSafetyReply(IReadOnlyList<Reply> replies)
    {
        var rest = replies.ToList();
        var first = rest.FindIndex(r => r.Kind == ReplyKind.Triage);
        if (first >= 0)
        {
            rest.RemoveAt(first);
        }

        return rest;
    }

    private async Task SendAsync(ITurnContext turnContext, IReadOnlyList<Reply> toSend, CancellationToken cancellationToken)
    {
        if (toSend.Count == 0)
        {
            return;
        }

        foreach (var reply in toSend)
        {
            LogReply(logger, reply.Kind, reply.Intent, reply.Confidence, reply.Triage);
        }

        var channel = turnContext.Activity.ChannelId;
        await turnContext.SendActivitiesAsync(toSend.Select(r => (IActivity)replies.ToActivity(r, channel)).ToArray(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply {Kind} intent {Intent} confidence {Confidence:0.00} triage {Triage}")]
    private static partial void LogReply(ILogger logger, ReplyKind kind, string intent, float confidence, TriageTier triage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message in group conversation {ConversationId} does not mention the bot; not addressed to it, no reply")]
    private static partial void LogNotAddressed(ILogger logger, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Triage {Tier} fired {Categories} in conversation {ConversationId}")]
    private static partial void LogTriage(ILogger logger, TriageTier tier, string categories, string? conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering failed with {ExceptionType} in conversation {ConversationId}; the safety reply was kept")]
    private static partial void LogAnswerFailed(ILogger logger, string exceptionType, string? conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Conversation state {Operation} failed with {ExceptionType} in conversation {ConversationId}")]
    private static partial void LogStateFailed(ILogger logger, string operation, string exceptionType, string? conversationId);
}
