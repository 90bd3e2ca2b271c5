using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>The journal file on its own, on a real file: records back in order, torn and damaged records, bounds, permissions.</summary>
public sealed class TranscriptJournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-journal-").FullName;

    private string PathOf => Path.Combine(_folder, "transcripts.journal");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WhatWasAppendedIsReadBackInOrderAfterReopening()
    {
        using (var journal = Open())
        {
            Assert.Equal(5, journal.Append(Records("a", 5), perRecord: 2));
            await journal.RecordEscalationsAsync([new EscalationMark("test", "c1", TriageTier.Emergency, DateTimeOffset.UnixEpoch)]);
        }

        using var reopened = Open();
        Assert.Equal((5L, 1L), reopened.Open());
        var batches = ReadAll(reopened);

        Assert.Equal(["a0", "a1", "a2", "a3", "a4"], batches.SelectMany(b => b.Records).Select(r => r.ActivityId));
        Assert.Equal([2, 2, 1, 0], batches.Select(b => b.Records.Count));
        var mark = Assert.Single(batches.SelectMany(b => b.Escalations));
        Assert.Equal(("c1", TriageTier.Emergency), (mark.ConversationId, mark.Tier));
        var first = batches[0].Records[0];
        var original = Records("a", 1)[0];
        Assert.Equal(original with { ReactionsAdded = first.ReactionsAdded, ReactionsRemoved = first.ReactionsRemoved }, first);
        Assert.Equal(original.ReactionsAdded, first.ReactionsAdded);
        Assert.Equal(0, reopened.JournalBytes);
    }

    [Fact]
    public void ATornLastRecordIsIgnoredAndTheRecordsBeforeItAreKept()
    {
        using (var journal = Open())
        {
            journal.Append(Records("a", 3), perRecord: 10);
            journal.Append(Records("b", 3), perRecord: 10);
        }

        var intact = new FileInfo(PathOf).Length;
        using (var journal = Open())
        {
            journal.Append(Records("c", 3), perRecord: 10);
        }

        // A kill in the middle of the third append: only part of its bytes reached the disk.
        using (var file = new FileStream(PathOf, FileMode.Open))
        {
            file.SetLength(intact + ((file.Length - intact) / 2));
        }

        using var reopened = Open();
        Assert.Equal((6L, 0L), reopened.Open());
        Assert.Equal(intact, new FileInfo(PathOf).Length);
        Assert.Equal(["a0", "a1", "a2", "b0", "b1", "b2"], ReadAll(reopened).SelectMany(b => b.Records).Select(r => r.ActivityId));
    }

    [Fact]
    public void ARecordWhoseBytesChangedFailsItsChecksumAndIsIgnored()
    {
        using (var journal = Open())
        {
            journal.Append(Records("a", 2), perRecord: 10);
            journal.Append(Records("b", 2), perRecord: 10);
        }

        var bytes = File.ReadAllBytes(PathOf);
        bytes[^5] ^= 0x20;
        File.WriteAllBytes(PathOf, bytes);

        using var reopened = Open();
        Assert.Equal((2L, 0L), reopened.Open());
        Assert.Equal(["a0", "a1"], ReadAll(reopened).SelectMany(b => b.Records).Select(r => r.ActivityId));
    }

    [Fact]
    public void GarbageAfterTheLastRecordIsCutOffAndLaterAppendsAreReadable()
    {
        using (var journal = Open())
        {
            journal.Append(Records("a", 2), perRecord: 10);
        }

        File.AppendAllText(PathOf, "MBJ1 not a record");
        using (var journal = Open())
        {
            journal.Open();
            journal.Append(Records("b", 1), perRecord: 10);
        }

        using var reopened = Open();
        Assert.Equal(["a0", "a1", "b0"], ReadAll(reopened).SelectMany(b => b.Records).Select(r => r.ActivityId));
    }

    [Fact]
    public void TheFileIsCreatedReadableAndWritableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only
        }

        using var journal = Open();
        journal.Open();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf));
    }

    [Fact]
    public void AnExistingFileWithWiderPermissionsIsMadeOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only
        }

        File.WriteAllBytes(PathOf, []);
        File.SetUnixFileMode(PathOf, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var journal = Open();
        journal.Open();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf));
    }

    [Fact]
    public void ASecondJournalOnTheSameFileIsRefused()
    {
        using var first = Open();
        first.Open();
        using var second = Open();

        Assert.ThrowsAny<IOException>(() => second.Open());
    }

    [Fact]
    public void PastTheByteBoundOnlyEscalationRecordsAreAddedAndTheRestCounted()
    {
        using var journal = Open(new TranscriptJournalOptions { JournalMaxBytes = 64 * 1024 });
        var big = Records("a", 40, json: new string('x', 4000));
        var urgent = Records("u", 1, json: new string('y', 4000), triage: TriageTier.Urgent);

        var kept = journal.Append([.. big, .. urgent], perRecord: 10);

        Assert.InRange(journal.JournalBytes, 50 * 1024, 64 * 1024 + 5000);
        Assert.Equal(kept, journal.JournalActivities);
        Assert.Equal(41 - kept, journal.Dropped);
        Assert.Equal(1, journal.KeptPastBound);
        var records = ReadAll(journal).SelectMany(b => b.Records).ToList();
        Assert.Equal("u0", records[^1].ActivityId);
        Assert.Equal(Enumerable.Range(0, kept - 1).Select(i => $"a{i}"), records.SkipLast(1).Select(r => r.ActivityId));
    }

    [Fact]
    public void PastTheActivityBoundOnlyEscalationRecordsAreAdded()
    {
        using var journal = Open(new TranscriptJournalOptions { JournalMaxActivities = 10 });

        var kept = journal.Append([.. Records("a", 12), .. Records("e", 2, triage: TriageTier.Emergency), .. Records("b", 1)], perRecord: 5);

        Assert.Equal(12, kept);
        Assert.Equal(3, journal.Dropped);
        Assert.Equal(["e0", "e1"], ReadAll(journal).SelectMany(b => b.Records).Skip(10).Select(r => r.ActivityId));
    }

    [Fact]
    public void OnceEveryRecordIsStoredTheFileIsEmptied()
    {
        using var journal = Open();
        journal.Append(Records("a", 3), perRecord: 2);
        Assert.True(new FileInfo(PathOf).Length > 0);

        ReadAll(journal);

        Assert.False(journal.HasPending);
        Assert.Equal(0, new FileInfo(PathOf).Length);
        Assert.Equal(0, journal.JournalActivities);
    }

    private TranscriptJournal Open(TranscriptJournalOptions? options = null) =>
        new(PathOf, Options.Create(options ?? new TranscriptJournalOptions()), NullLogger<TranscriptJournal>.Instance);

    /// <summary>Reads and completes every record, as the writer does once each is stored.</summary>
    private static List<JournalBatch> ReadAll(TranscriptJournal journal)
    {
        var batches = new List<JournalBatch>();
        while (journal.ReadOldest() is { } batch)
        {
            batches.Add(batch);
            journal.Complete(batch);
        }

        return batches;
    }

    private static List<TranscriptRecord> Records(string prefix, int count, string json = "{\"type\":\"message\",\"text\":\"é 🩸\"}", TriageTier? triage = null) =>
        Enumerable.Range(0, count)
            .Select(i => new TranscriptRecord(
                "test", "conv-1", $"{prefix}{i}", new DateTimeOffset(2026, 12, 2, 10, 0, i, TimeSpan.FromHours(1)), "bot", "messageReaction", "answer", triage,
                ["like"], [], json))
            .ToList();
}
