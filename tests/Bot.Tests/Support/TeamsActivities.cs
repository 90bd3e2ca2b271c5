using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>Inbound activities shaped the way Microsoft Teams sends them (ids, tenant, channelData, mention entities).</summary>
public static class TeamsActivities
{
    public const string AppId = "6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b";
    public const string BotId = "28:" + AppId;
    public const string TenantId = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string Mention = "<at>MarrowBot</at>";

    public static string PersonalConversation() => "a:1" + Guid.NewGuid().ToString("N");

    public static string GroupChatConversation() => $"19:{Guid.NewGuid():N}@thread.v2";

    public static string ChannelConversation() => $"19:{Guid.NewGuid():N}@thread.tacv2;messageid=1732680000000";

    /// <summary>A message in a personal (one-to-one) chat with the bot.</summary>
    public static JObject Personal(string text, string conversation) => Message(text, Conversation("personal", conversation), Tenant());

    /// <summary>A message in a group chat; <paramref name="text"/> holds the "&lt;at&gt;MarrowBot&lt;/at&gt;" tag when it mentions the bot.</summary>
    public static JObject GroupChat(string text, string conversation) => Message(text, Conversation("groupChat", conversation), Tenant());

    /// <summary>A message posted in a team channel.</summary>
    public static JObject ChannelPost(string text, string conversation) => Message(text, Conversation("channel", conversation), TeamChannelData());

    public static JObject InstallationUpdate(string action, string conversationType, string conversation)
    {
        var activity = Base("installationUpdate", Conversation(conversationType, conversation), conversationType == "channel" ? TeamChannelData() : Tenant());
        activity["action"] = action;
        return activity;
    }

    public static JObject MembersAdded(string conversationType, string conversation, params string[] memberIds)
    {
        var channelData = conversationType == "channel" ? TeamChannelData() : Tenant();
        channelData["eventType"] = "teamMemberAdded";
        var activity = Base("conversationUpdate", Conversation(conversationType, conversation), channelData);
        activity["membersAdded"] = new JArray(memberIds.Select(id => new JObject { ["id"] = id }));
        return activity;
    }

    public static JObject Reaction(string conversationType, string conversation, string replyToId, string[]? added = null, string[]? removed = null)
    {
        var activity = Base("messageReaction", Conversation(conversationType, conversation), Tenant());
        activity["replyToId"] = replyToId;
        if (added is not null)
        {
            activity["reactionsAdded"] = new JArray(added.Select(t => new JObject { ["type"] = t }));
        }

        if (removed is not null)
        {
            activity["reactionsRemoved"] = new JArray(removed.Select(t => new JObject { ["type"] = t }));
        }

        return activity;
    }

    private static JObject Message(string text, JObject conversation, JObject channelData)
    {
        var activity = Base("message", conversation, channelData);
        activity["text"] = text;
        activity["textFormat"] = "plain";
        var entities = new JArray(new JObject { ["type"] = "clientInfo", ["locale"] = "en-GB", ["country"] = "GB", ["platform"] = "Web", ["timezone"] = "Europe/London" });
        if (text.Contains(Mention, StringComparison.Ordinal))
        {
            entities.Add(new JObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JObject { ["id"] = BotId, ["name"] = "MarrowBot" },
                ["text"] = Mention,
            });
        }

        activity["entities"] = entities;

        // Teams also sends the message as HTML; it is not an attachment the person added.
        activity["attachments"] = new JArray(new JObject { ["contentType"] = "text/html", ["content"] = $"<p>{text}</p>" });
        return activity;
    }

    private static JObject Base(string type, JObject conversation, JObject channelData) => new()
    {
        ["type"] = type,
        ["id"] = "f:" + Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("o"),
        ["localTimestamp"] = DateTimeOffset.Now.ToString("o"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = ServiceUrl,
        ["from"] = new JObject
        {
            ["id"] = "29:1pXq" + Guid.NewGuid().ToString("N"),
            ["name"] = "Pat Example",
            ["aadObjectId"] = "7c3e1d2a-9b8f-4e6d-a5c4-b3a2918f7e6d",
        },
        ["conversation"] = conversation,
        ["recipient"] = new JObject { ["id"] = BotId, ["name"] = "MarrowBot" },
        ["locale"] = "en-GB",
        ["channelData"] = channelData,
    };

    private static JObject Conversation(string conversationType, string id)
    {
        var conversation = new JObject { ["conversationType"] = conversationType, ["tenantId"] = TenantId, ["id"] = id };
        if (conversationType != "personal")
        {
            conversation["isGroup"] = true;
        }

        return conversation;
    }

    private static JObject Tenant() => new() { ["tenant"] = new JObject { ["id"] = TenantId } };

    private static JObject TeamChannelData() => new()
    {
        ["teamsChannelId"] = "19:general0a1b2c3d@thread.tacv2",
        ["teamsTeamId"] = "19:team4e5f6a7b@thread.tacv2",
        ["channel"] = new JObject { ["id"] = "19:general0a1b2c3d@thread.tacv2", ["name"] = "Support group" },
        ["team"] = new JObject { ["id"] = "19:team4e5f6a7b@thread.tacv2", ["name"] = "Marrow failure support", ["aadGroupId"] = "2b4d6f80-1a3c-4e5f-9788-a9bacbdcedfe" },
        ["tenant"] = new JObject { ["id"] = TenantId },
    };
}
