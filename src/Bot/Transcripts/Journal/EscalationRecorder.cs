using MarrowBot.Knowledge.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace MarrowBot.Bot.Transcripts.Journal;

/// <summary>
/// Puts a conversation's escalation on disk before its urgent or emergency reply leaves the bot: the transcript
/// middleware calls this with the activities about to be sent, and each one whose marrowbot.outcome entity says
/// triage urgent or emergency becomes an <see cref="EscalationMark"/> in the journal (fsynced, shared with other
/// turns' marks in one write). The reply is never held back for long: if the journal cannot be written within
/// <see cref="MaxWait"/>, the reply goes anyway (safety first) and the failure is logged and counted; the reply's
/// own transcript record still carries the tier.
/// </summary>
public sealed partial class EscalationRecorder(TranscriptJournal journal, TimeProvider clock, ILogger<EscalationRecorder> logger)
{
    /// <summary>Longest a reply waits for its escalation mark to be written.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private long _recorded;
    private long _failed;

    /// <summary>Escalation marks written since start.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Urgent or emergency replies sent without their mark on disk (the journal failed or was too slow), since start.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Writes the marks of <paramref name="activities"/> (if any is urgent or emergency) and returns once they are on disk.</summary>
    public async Task BeforeSendAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities)
    {
        List<EscalationMark>? marks = null;
        foreach (var activity in activities)
        {
            if (activity is null || TranscriptRecord.OutcomeOf(activity).Triage is not { } tier || tier < TriageTier.Urgent)
            {
                continue;
            }

            var channel = activity.ChannelId ?? turnContext.Activity?.ChannelId;
            var conversation = activity.Conversation?.Id ?? turnContext.Activity?.Conversation?.Id;
            if (!string.IsNullOrEmpty(channel) && !string.IsNullOrEmpty(conversation))
            {
                (marks ??= []).Add(new EscalationMark(channel, conversation, tier, activity.Timestamp ?? clock.GetUtcNow()));
            }
        }

        if (marks is null)
        {
            return;
        }

        try
        {
            await journal.RecordEscalationsAsync(marks).WaitAsync(MaxWait).ConfigureAwait(false);
            Interlocked.Add(ref _recorded, marks.Count);
        }
        catch (Exception ex)
        {
            Interlocked.Add(ref _failed, marks.Count);
            LogNotRecorded(logger, marks[0].Tier, marks[0].ConversationId, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Tier} escalation of conversation {ConversationId} could not be written to the journal before its reply ({ExceptionType}); the reply is sent all the same")]
    private static partial void LogNotRecorded(ILogger logger, TriageTier tier, string conversationId, string exceptionType);
}
