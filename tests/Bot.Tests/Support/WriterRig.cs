using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>The transcript writer on its own, with its queue and a real journal file in a folder the test owns.</summary>
public static class WriterRig
{
    public static (TranscriptQueue Queue, TranscriptWriter Writer, TranscriptJournal Journal) Build(ITranscriptStore store, StorageOptions storage, string folder)
    {
        var journalOptions = Options.Create(new TranscriptJournalOptions { JournalPath = Path.Combine(folder, "transcripts.journal") });
        var journal = new TranscriptJournal(journalOptions.Value.JournalPath, journalOptions, NullLogger<TranscriptJournal>.Instance);
        var queue = new TranscriptQueue(Options.Create(storage));
        var writer = new TranscriptWriter(queue, store, journal, Options.Create(storage), journalOptions, NullLogger<TranscriptWriter>.Instance);
        return (queue, writer, journal);
    }

    /// <summary>The person's message number <paramref name="i"/> of one conversation, id "a{i}".</summary>
    public static TranscriptRecord Record(int i) => TranscriptRecord.From(new Activity(ActivityTypes.Message)
    {
        Id = $"a{i}",
        ChannelId = "test",
        Conversation = new ConversationAccount(id: "conv-1"),
        From = new ChannelAccount("user-1", role: RoleTypes.User),
        Timestamp = new DateTimeOffset(2026, 12, 2, 10, 0, i, TimeSpan.Zero),
        Text = $"turn {i}",
    });

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 10_000, "timed out");
            await Task.Delay(10);
        }
    }
}
