using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using MarrowBot.Knowledge.Triage;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>
/// Load as many people at once would make it: each conversation sends its turns one after another through
/// POST /api/messages with deliveryMode expectReplies, and every turn is recorded as the client saw it (its status,
/// the replies and their triage tier, how long it took, when it was acknowledged), for checking against the store.
/// </summary>
public sealed class TranscriptLoad(HttpClient client, int conversations, string name)
{
    /// <summary>Questions, small talk and red flags (urgent and emergency), in turn.</summary>
    private static readonly string[] Texts =
    [
        "what causes marrow failure?",
        "I have a fever of 39",
        "is it genetic",
        "my gums won't stop bleeding",
        "thanks",
        "crushing chest pain",
        "what is a bone marrow transplant",
        "hello",
    ];

    private readonly ConcurrentBag<Exception> _unexpected = [];

    public IReadOnlyList<LoadConversation> Conversations { get; } =
        Enumerable.Range(0, conversations).Select(i => new LoadConversation($"{name}-{i}-{Guid.NewGuid():N}")).ToList();

    public IEnumerable<LoadTurn> Turns => Conversations.SelectMany(c => c.Turns);

    /// <summary>Requests that failed without an HTTP status (the bot was killed under them, for instance).</summary>
    public IReadOnlyCollection<Exception> Unexpected => _unexpected;

    /// <summary>Runs <paramref name="turns"/> turns in every conversation.</summary>
    public Task RunTurnsAsync(int turns) => RunAsync(c => c.Turns.Count < turns + c.StartedAt, TimeSpan.Zero, CancellationToken.None);

    /// <summary>Runs turns in every conversation, <paramref name="pause"/> apart, until <paramref name="stop"/> is cancelled.</summary>
    public Task RunUntilAsync(CancellationToken stop, TimeSpan pause) => RunAsync(_ => !stop.IsCancellationRequested, pause, stop);

    private Task RunAsync(Func<LoadConversation, bool> more, TimeSpan pause, CancellationToken stop)
    {
        foreach (var conversation in Conversations)
        {
            conversation.StartedAt = conversation.Turns.Count;
        }

        return Task.WhenAll(Conversations.Select(async conversation =>
        {
            while (more(conversation))
            {
                await TurnAsync(conversation);
                if (pause > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(pause, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }));
    }

    private async Task TurnAsync(LoadConversation conversation)
    {
        var id = Guid.NewGuid().ToString("N");
        var text = Texts[conversation.Turns.Count % Texts.Length];
        var activity = Activities.Message(text, conversation.Id);
        activity["id"] = id;
        activity["deliveryMode"] = "expectReplies";
        var watch = Stopwatch.StartNew();
        var turn = new LoadTurn(id, text);
        conversation.Turns.Add(turn);
        try
        {
            using var content = new StringContent(activity.ToString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync("/api/messages", content);
            turn.Status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            turn.Took = watch.Elapsed;
            if (response.IsSuccessStatusCode && body.Length > 0)
            {
                var replies = (JArray)JObject.Parse(body)["activities"]!;
                turn.Replies = replies.Select(r => (string?)r["text"]).ToList();
                turn.Tier = replies
                    .Select(r => r["entities"]?.FirstOrDefault(e => (string?)e["type"] == "marrowbot.outcome")?["triage"])
                    .Select(t => Enum.TryParse<TriageTier>((string?)t, ignoreCase: true, out var tier) ? tier : TriageTier.None)
                    .DefaultIfEmpty(TriageTier.None)
                    .Max();
                turn.AcknowledgedAt = DateTime.UtcNow;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            turn.Took = watch.Elapsed;
            _unexpected.Add(ex);
        }
    }
}

/// <summary>One conversation of a <see cref="TranscriptLoad"/>, its turns in the order sent.</summary>
public sealed class LoadConversation(string id)
{
    public string Id { get; } = id;

    public List<LoadTurn> Turns { get; } = [];

    internal int StartedAt { get; set; }

    public IEnumerable<LoadTurn> Acknowledged => Turns.Where(t => t.AcknowledgedAt is not null);

    /// <summary>The highest triage tier of the replies the client received.</summary>
    public TriageTier HighestTierReplied => Acknowledged.Select(t => t.Tier).DefaultIfEmpty(TriageTier.None).Max();
}

/// <summary>One turn as the client saw it; <see cref="AcknowledgedAt"/> is set once its replies arrived with a success status.</summary>
public sealed class LoadTurn(string activityId, string text)
{
    public string ActivityId { get; } = activityId;

    public string Text { get; } = text;

    public int Status { get; set; }

    public IReadOnlyList<string?> Replies { get; set; } = [];

    public TriageTier Tier { get; set; }

    public TimeSpan Took { get; set; }

    public DateTime? AcknowledgedAt { get; set; }
}
