using MarrowBot.Knowledge.Answering;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Channels.Teams;

/// <summary>
/// When to greet and what to say: the full welcome in a personal chat, a short hello that explains @mentions in a
/// group chat or team channel (where everyone reads it and the bot hears only what mentions it).
/// </summary>
public sealed class TeamsGreeting(Responder responder, IOptions<SafetyOptions> contacts)
{
    /// <summary>
    /// Whether a conversationUpdate deserves a greeting. Emulator and Web Chat announce the person joining. Teams
    /// announces the bot being added (the app installed); people who join a group chat or team later are not
    /// greeted, which would only add noise to their conversation.
    /// </summary>
    public static bool ShouldGreet(IConversationUpdateActivity activity, IEnumerable<ChannelAccount> membersAdded)
    {
        var botId = activity.Recipient?.Id;
        var botAdded = membersAdded.Any(m => m.Id == botId);
        var personJoined = membersAdded.Any(m => m.Id != botId);
        return TeamsScope.IsTeams(activity)
            ? botAdded || (personJoined && !TeamsScope.IsGroup(activity))
            : personJoined;
    }

    /// <summary>The greeting for the conversation <paramref name="activity"/> belongs to.</summary>
    public Reply For(IActivity activity) => TeamsScope.IsGroup(activity) ? GroupHello() : responder.Welcome();

    /// <summary>The short hello for a group chat or team channel.</summary>
    public Reply GroupHello() => new(
        ReplyKind.Welcome,
        "Hello, I'm MarrowBot. I share general information about bone marrow failure from a reviewed patient article; " +
        "it isn't a diagnosis or personal medical advice. To ask me something here, mention me: type @MarrowBot and your " +
        "question, for example \"@MarrowBot what causes marrow failure?\". I only see messages that mention me. " +
        $"If someone is very unwell or it may be an emergency, call {contacts.Value.EmergencyText} now.",
        Responder.IntentWelcome,
        1f,
        [],
        [],
        []);
}
