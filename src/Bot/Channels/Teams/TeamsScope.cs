using System.Text.RegularExpressions;
using MarrowBot.Knowledge.Text;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Channels.Teams;

/// <summary>
/// Where a Microsoft Teams activity was said (a personal chat, or a group chat or team channel that many people
/// read) and which part of a message is addressed to the bot. Other channels pass through unchanged.
/// </summary>
public static partial class TeamsScope
{
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";

    public static bool IsTeams(IActivity activity) => activity.ChannelId == Microsoft.Bot.Connector.Channels.Msteams;

    /// <summary>A Teams group chat or team channel: many people read it, and the bot answers only what @mentions it.</summary>
    public static bool IsGroup(IActivity activity) =>
        IsTeams(activity)
        && (activity.Conversation?.ConversationType is GroupChat or Channel || activity.Conversation?.IsGroup == true);

    /// <summary>
    /// The text to triage and answer, with the bot's own @mention removed; <c>null</c> when a Teams group chat or
    /// channel message does not mention the bot, which is then not addressed to it (docs/decisions/0005-teams.md).
    /// </summary>
    public static string? TextForBot(IMessageActivity activity)
    {
        var text = UnicodeSanitizer.Sanitize(activity.Text ?? string.Empty);
        if (!IsTeams(activity))
        {
            return text;
        }

        Mention[] mentions;
        try
        {
            mentions = activity.GetMentions();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Teams delivers group messages to the bot only when it is mentioned, so an unreadable mention entity
            // is still most likely addressed to it: answer (and triage) rather than drop a message that may matter.
            return AtTags().Replace(text, string.Empty).Trim();
        }

        var botId = activity.Recipient?.Id;
        var mentioned = false;
        foreach (var mention in mentions.Where(m => botId is not null && m.Mentioned?.Id == botId))
        {
            mentioned = true;

            // The SDK's RemoveMentionText throws when a mention has no text and removes the bot's name wherever it
            // appears ("is MarrowBot a person?"); only the mention itself is removed here.
            var tag = mention.Text ?? $"<at>{mention.Mentioned.Name}</at>";
            text = text.Replace(tag, " ", StringComparison.OrdinalIgnoreCase);
        }

        if (!mentioned && IsGroup(activity))
        {
            return null;
        }

        // Other people's mentions keep their names ("<at>Jo</at> has a nosebleed" is about Jo).
        return AtTags().Replace(text, string.Empty).Trim();
    }

    /// <summary>Whether the message carries a file or card; Teams adds a text/html copy of the message itself, which does not count.</summary>
    public static bool HasAttachments(IMessageActivity activity) =>
        activity.Attachments?.Any(a => !(IsTeams(activity) && string.Equals(a.ContentType, "text/html", StringComparison.OrdinalIgnoreCase))) == true;

    [GeneratedRegex("</?at>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AtTags();
}
