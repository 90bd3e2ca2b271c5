using MarrowBot.Bot.Transcripts;
using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>Compares what a <see cref="TranscriptLoad"/>'s client saw with what the store holds.</summary>
public static class TranscriptCheck
{
    /// <summary>
    /// Every acknowledged turn is stored exactly once, in order: the person's message (by id) followed by the replies
    /// the client received (by text); nothing else is stored; and each conversation's stored highest tier is the
    /// highest tier replied.
    /// </summary>
    public static async Task AssertEveryAcknowledgedTurnStoredOnceInOrderAsync(TranscriptLoad load, ITranscriptStore store, ITranscriptQueries queries, string channel = "emulator")
    {
        foreach (var conversation in load.Conversations)
        {
            var stored = await ReadAllAsync(store, channel, conversation.Id);
            var expected = conversation.Acknowledged.SelectMany(t => t.Replies.Select(r => ("bot", r)).Prepend(("user", (string?)t.ActivityId))).ToList();
            var actual = stored.Select(a => a.From.Role == RoleTypes.User ? ("user", (string?)a.Id) : ("bot", ((IMessageActivity)a).Text)).ToList();
            Assert.True(expected.SequenceEqual(actual), $"Conversation {conversation.Id}: {expected.Count} activities acknowledged, {actual.Count} stored; first difference at {FirstDifference(expected, actual)}: {Show(expected, FirstDifference(expected, actual))} / {Show(actual, FirstDifference(expected, actual))}.");
            Assert.Equal(stored.Count, stored.Select(a => a.Id).Distinct().Count());

            var summary = await queries.GetConversationAsync(channel, conversation.Id, CancellationToken.None);
            Assert.NotNull(summary);
            Assert.Equal(stored.Count, summary.ActivityCount);
            Assert.Equal(conversation.HighestTierReplied, summary.EscalatedTier);
        }
    }

    /// <summary>
    /// After a kill: what is stored of each conversation is the start of what was sent, once each and in order (the
    /// turn in flight at the kill may be stored though its client never heard back, and the last stored turn may
    /// lack some of its replies: a batch can end inside a turn, and the kill can come before the next batch is
    /// written); every turn acknowledged before <paramref name="mustBeStoredBefore"/> is there; and no escalation
    /// replied is missing from the stored tier.
    /// </summary>
    public static async Task AssertStoredIsAPrefixOfWhatWasSentAsync(TranscriptLoad load, ITranscriptStore store, ITranscriptQueries queries, DateTime mustBeStoredBefore, string channel = "emulator")
    {
        foreach (var conversation in load.Conversations)
        {
            var stored = await ReadAllAsync(store, channel, conversation.Id);
            Assert.Equal(stored.Count, stored.Select(a => a.Id).Distinct().Count());
            var storedTurns = stored.Where(a => a.From.Role == RoleTypes.User).Select(a => a.Id).ToList();
            var sent = conversation.Turns.Select(t => t.ActivityId).ToList();
            Assert.True(storedTurns.Count <= sent.Count && sent.Take(storedTurns.Count).SequenceEqual(storedTurns), $"Conversation {conversation.Id}: the stored turns are not the start of the sent ones.");
            var required = conversation.Acknowledged.Count(t => t.AcknowledgedAt < mustBeStoredBefore);
            Assert.True(storedTurns.Count >= required, $"Conversation {conversation.Id}: {required} turns acknowledged well before the kill, {storedTurns.Count} stored.");

            // Each stored turn is followed by exactly the replies the client received for it, when it received them;
            // the last one by the first of them.
            var index = 0;
            var last = storedTurns.Count - 1;
            foreach (var (turn, i) in conversation.Turns.Take(storedTurns.Count).Select((t, i) => (t, i)))
            {
                Assert.Equal(turn.ActivityId, stored[index++].Id);
                var replies = stored.Skip(index).TakeWhile(a => a.From.Role != RoleTypes.User).Select(a => ((IMessageActivity)a).Text).ToList();
                if (turn.AcknowledgedAt is not null)
                {
                    Assert.Equal(i == last ? turn.Replies.Take(replies.Count) : turn.Replies, replies);
                }

                index += replies.Count;
            }

            var summary = await queries.GetConversationAsync(channel, conversation.Id, CancellationToken.None);
            Assert.True((summary?.EscalatedTier ?? TriageTier.None) >= conversation.HighestTierReplied, $"Conversation {conversation.Id}: replied {conversation.HighestTierReplied}, stored {summary?.EscalatedTier}.");
        }
    }

    /// <summary>No 5xx, a reply to every turn, and every urgent or emergency reply within <paramref name="atOnce"/>.</summary>
    public static void AssertEveryTurnAnsweredAndTriageAtOnce(TranscriptLoad load, TimeSpan atOnce)
    {
        var turns = load.Turns.ToList();
        Assert.Empty(load.Unexpected);
        Assert.All(turns, t => Assert.Equal(200, t.Status));
        Assert.All(turns, t => Assert.NotEmpty(t.Replies));
        var triage = turns.Where(t => t.Tier >= TriageTier.Urgent).ToList();
        Assert.NotEmpty(triage);
        var slowest = triage.Max(t => t.Took);
        Assert.True(slowest < atOnce, $"The slowest of {triage.Count} triage replies took {slowest.TotalMilliseconds:0} ms.");
    }

    public static async Task<List<IActivity>> ReadAllAsync(ITranscriptStore store, string channel, string conversation)
    {
        var all = new List<IActivity>();
        string? token = null;
        do
        {
            var page = await store.GetTranscriptActivitiesAsync(channel, conversation, token);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return all;
    }

    private static string Show(List<(string Role, string? Value)> activities, int at) =>
        at < activities.Count ? $"{activities[at].Role} {(activities[at].Role == "user" ? activities[at].Value : activities[at].Value?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " chars")}" : "nothing";

    private static int FirstDifference(List<(string, string?)> expected, List<(string, string?)> actual)
    {
        var i = 0;
        while (i < expected.Count && i < actual.Count && expected[i] == actual[i])
        {
            i++;
        }

        return i;
    }
}
