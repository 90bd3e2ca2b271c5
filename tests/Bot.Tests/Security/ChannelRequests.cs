using System.Net.Http.Headers;
using System.Text;
using MarrowBot.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Security;

/// <summary>Posts activities to /api/messages with a chosen Authorization header, and reads what the store kept.</summary>
public static class ChannelRequests
{
    public const string TeamsServiceUrl = "https://smba.trafficmanager.net/emea/";

    public static JObject TeamsMessage(string text, string conversation, string serviceUrl = TeamsServiceUrl)
    {
        var activity = Activities.Message(text, conversation, channel: "msteams");
        activity["serviceUrl"] = serviceUrl;
        activity["deliveryMode"] = "expectReplies";
        return activity;
    }

    public static Task<HttpResponseMessage> PostAsync(BotHost host, JObject activity, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return host.Client.SendAsync(request);
    }

    public static async Task<int> StoredActivitiesAsync(BotHost host, string channel, string conversation)
    {
        await host.FlushTranscriptsAsync();
        var page = await host.Services.GetRequiredService<ITranscriptStore>().GetTranscriptActivitiesAsync(channel, conversation);
        return page.Items.Length;
    }

    public static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    public static async Task<JArray> RepliesAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? [] : (JArray)JObject.Parse(body)["activities"]!;
    }
}
