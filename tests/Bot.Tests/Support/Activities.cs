using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>Builds inbound activities as channels send them, and reads the bot's outcome entity.</summary>
public static class Activities
{
    public static JObject Message(string? text, string conversation = "conv-1", string channel = "emulator") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = channel,
        ["serviceUrl"] = "http://127.0.0.1:9",
        ["from"] = new JObject { ["id"] = "user-1", ["name"] = "Pat", ["role"] = "user" },
        ["recipient"] = new JObject { ["id"] = "marrowbot", ["name"] = "MarrowBot", ["role"] = "bot" },
        ["conversation"] = new JObject { ["id"] = conversation },
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("o"),
        ["text"] = text,
    };

    /// <summary>Asks for the replies in the HTTP response (deliveryMode expectReplies), as the load and edge tests do.</summary>
    public static JObject ExpectReplies(JObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        return activity;
    }

    public static JObject Of(string type, string conversation = "conv-1")
    {
        var activity = Message(null, conversation);
        activity["type"] = type;
        activity.Remove("text");
        return activity;
    }

    public static JObject MembersAdded(string conversation, params string[] memberIds)
    {
        var activity = Of("conversationUpdate", conversation);
        activity["membersAdded"] = new JArray(memberIds.Select(id => new JObject { ["id"] = id }));
        return activity;
    }

    public static JObject Outcome(JToken reply) =>
        (JObject)reply["entities"]!.Single(e => (string?)e["type"] == "marrowbot.outcome");

    public static string Kind(JToken reply) => (string)Outcome(reply)["kind"]!;
}
