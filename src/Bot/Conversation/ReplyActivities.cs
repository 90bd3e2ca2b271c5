using MarrowBot.Knowledge.Answering;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Conversation;

/// <summary>
/// Turns a channel-free <see cref="Reply"/> into a Bot Framework message: Markdown text with [n] markers, the
/// schema.org Message entity with Claim citations that Teams and Web Chat render, suggested actions as buttons,
/// and the marrowbot.outcome entity.
/// </summary>
public sealed class ReplyActivities
{
    public const string OutcomeEntityType = "marrowbot.outcome";

    /// <summary>Teams shows at most this many characters of a citation's abstract.</summary>
    private const int AbstractLimit = 160;

    /// <summary>
    /// The message for <paramref name="reply"/>. Teams renders citations from the [n] markers and the entity alone;
    /// Web Chat also needs Markdown link definitions ("[1]: cite:1 \"Title\"") that tie each marker to its claim.
    /// </summary>
    public IMessageActivity ToActivity(Reply reply, string? channelId = null)
    {
        var text = reply.Text;
        if (reply.Citations.Count > 0 && channelId != Microsoft.Bot.Connector.Channels.Msteams)
        {
            text += "\n\n" + string.Join("\n", reply.Citations.Select(c => $"[{c.Position}]: cite:{c.Position} \"{c.Title.Replace("\"", "'", StringComparison.Ordinal)}\""));
        }

        var activity = MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Markdown;
        activity.Entities = [Outcome(reply)];
        if (reply.Citations.Count > 0)
        {
            activity.Entities.Add(Citations(reply.Citations));
        }

        if (reply.Suggestions.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                Actions = reply.Suggestions.Select(s => new CardAction(ActionTypes.ImBack, s.Title, value: s.Value)).ToList(),
            };
        }

        return activity;
    }

    private static Entity Outcome(Reply reply) => new(OutcomeEntityType)
    {
        Properties = new JObject
        {
            ["kind"] = reply.Kind.ToString().ToLowerInvariant(),
            ["intent"] = reply.Intent,
            ["confidence"] = Math.Round(reply.Confidence, 4),
            ["triage"] = reply.Triage.ToString().ToLowerInvariant(),
            ["categories"] = new JArray(reply.TriageCategories),
            ["sections"] = new JArray(reply.Sections),
            ["evidence"] = new JArray(reply.Evidence.Select(Evidence)),
            ["path"] = reply.Path,
        },
    };

    /// <summary>One piece of evidence: identifiers and numbers only (the reply's evidence never carries the person's words).</summary>
    private static JObject Evidence(ReplyEvidence evidence)
    {
        var item = new JObject { ["source"] = evidence.Source, ["id"] = evidence.Id };
        if (evidence.Category is { } category)
        {
            item["category"] = category;
        }

        if (evidence.Tier is { } tier)
        {
            item["tier"] = tier.ToString().ToLowerInvariant();
        }

        if (evidence.Exemplar is { } exemplar)
        {
            item["exemplar"] = exemplar;
        }

        if (evidence.Score is { } score)
        {
            item["score"] = Math.Round(score, 4);
        }

        return item;
    }

    private static Entity Citations(IReadOnlyList<Citation> citations) => new("https://schema.org/Message")
    {
        Properties = new JObject
        {
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = string.Empty,
            ["citation"] = new JArray(citations.Select(c => new JObject
            {
                ["@type"] = "Claim",
                ["position"] = c.Position,
                ["appearance"] = new JObject
                {
                    ["@type"] = "DigitalDocument",
                    ["name"] = c.Title,
                    ["abstract"] = Shorten(c.Text),
                    ["text"] = c.Text,
                    ["keywords"] = new JArray(c.Section),
                },
            })),
        },
    };

    private static string Shorten(string text)
    {
        if (text.Length <= AbstractLimit)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', AbstractLimit - 1);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : AbstractLimit - 1), "…");
    }
}
