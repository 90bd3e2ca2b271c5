using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Tests.Improvement;

/// <summary>The overlay file (ADR 0029): written atomically, read back, validated against the curated intents, merged with the curated data.</summary>
public sealed class OverlayFileTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-overlay-").FullName;

    private string OverlayPath => Path.Combine(_folder, OverlayFile.DefaultFileName);

    private static string Intent => SharedKnowledge.Knowledge.Faqs[0].Id;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AMissingOverlayFileIsAnEmptyOverlay()
    {
        Assert.True(OverlayFile.Read(OverlayPath, SharedKnowledge.Knowledge).IsEmpty);
    }

    [Fact]
    public void WhatIsWrittenIsReadBackWithEveryField()
    {
        var overlay = new KnowledgeOverlay(
            [new OverlayPhrasing(Intent, "is it catching from my kid", "ed.a", At, "emulator/c1/a1")],
            [new OverlayPhrasing(ConversationalIntents.OutOfScope, "can you book my taxi", "ed.a", At, null)],
            [new OverlayTriageCase("case-1", "my nose has been pouring blood for an hour", TriageTier.Urgent, "ed.b", At, "missed-red-flag", "emulator/c2/a2")]);

        OverlayFile.Write(OverlayPath, overlay);
        var read = OverlayFile.Read(OverlayPath, SharedKnowledge.Knowledge);

        Assert.Equal(overlay.Phrasings, read.Phrasings);
        Assert.Equal(overlay.OutOfScope, read.OutOfScope);
        Assert.Equal(overlay.TriageCases, read.TriageCases);
    }

    [Fact]
    public void WritingLeavesNoTemporaryFileBehindAndReplacesTheOldFileWhole()
    {
        OverlayFile.Write(OverlayPath, new KnowledgeOverlay([new OverlayPhrasing(Intent, "first", "ed", At, null)], [], []));
        OverlayFile.Write(OverlayPath, new KnowledgeOverlay([new OverlayPhrasing(Intent, "second", "ed", At, null)], [], []));

        Assert.Equal([OverlayFile.DefaultFileName], Directory.GetFiles(_folder).Select(Path.GetFileName));
        Assert.Equal("second", Assert.Single(OverlayFile.Read(OverlayPath, SharedKnowledge.Knowledge).Phrasings).Text);
    }

    [Theory]
    [InlineData("""{"phrasings":[{"intent":"no-such-intent","text":"hello"}]}""", "phrasings #1", "unknown intent 'no-such-intent'")]
    [InlineData("""{"phrasings":[{"intent":"INTENT","text":"   "}]}""", "phrasings #1", "the text is empty")]
    [InlineData("""{"outOfScope":[{"text":"fine"},{"text":""}]}""", "outOfScope #2", "the text is empty")]
    [InlineData("""{"triageCases":[{"id":"c1","text":"bleeding","tier":"none"}]}""", "triageCases #1 ('c1')", "the tier must be routine, urgent or emergency")]
    [InlineData("""{"triageCases":[{"id":"c1","text":"bleeding","tier":"dire"}]}""", "(line 1)", "a tier that is not routine")]
    [InlineData("""{"phrasings":[""", "(line", "malformed JSON")]
    public void AnInvalidEntryIsRefusedNamingTheEntryAndTheFault(string json, string entry, string fault)
    {
        File.WriteAllText(OverlayPath, json.Replace("INTENT", Intent, StringComparison.Ordinal));

        var error = Assert.Throws<KnowledgeDataException>(() => OverlayFile.Read(OverlayPath, SharedKnowledge.Knowledge));

        Assert.StartsWith(entry, error.Entry, StringComparison.Ordinal);
        Assert.Contains(fault, error.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public void ATextOverTheLimitIsRefusedWithoutQuotingIt()
    {
        var text = new string('x', KnowledgeOverlay.MaxTextChars + 1);
        File.WriteAllText(OverlayPath, $$"""{"phrasings":[{"intent":"{{Intent}}","text":"{{text}}"}]}""");

        var error = Assert.Throws<KnowledgeDataException>(() => OverlayFile.Read(OverlayPath, SharedKnowledge.Knowledge));

        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptOverlayLeavesTheCuratedDataAloneAndSaysWhy()
    {
        File.WriteAllText(OverlayPath, "{ not json");

        var start = StartupOverlay.Read(SharedKnowledge.Knowledge, OverlayPath);

        Assert.True(start.Overlay.IsEmpty);
        Assert.Contains("malformed JSON", start.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MergedPhrasingsBecomeVariantsAndTrainingExamplesAndChangeTheContentHash()
    {
        var curated = SharedKnowledge.Knowledge;
        var overlay = new KnowledgeOverlay(
            [new OverlayPhrasing(Intent, "zebra wording for this question", "ed", At, null)],
            [new OverlayPhrasing(ConversationalIntents.OutOfScope, "what is the best pizza in town", "ed", At, null)],
            []);

        var merged = KnowledgeLoader.Merge(curated, overlay);
        var examples = TrainingExample.From(merged);

        Assert.Contains("zebra wording for this question", merged.FindFaq(Intent)!.Variants);
        Assert.Contains(new TrainingExample("zebra wording for this question", Intent), examples);
        Assert.Contains(new TrainingExample("what is the best pizza in town", ConversationalIntents.OutOfScope), examples);
        Assert.Equal(TrainingExample.From(curated).Count + 2, examples.Count);
        Assert.NotEqual(curated.ContentHash, merged.ContentHash);
        Assert.NotEqual(MlNetIntentClassifier.ModelPath(curated, _folder), MlNetIntentClassifier.ModelPath(merged, _folder));
    }

    [Fact]
    public void AnOverlayOfTriageCasesAloneKeepsTheCuratedModel()
    {
        var overlay = new KnowledgeOverlay([], [], [new OverlayTriageCase("c", "text", TriageTier.Urgent, "ed", At, null, null)]);

        var merged = KnowledgeLoader.Merge(SharedKnowledge.Knowledge, overlay);

        Assert.Equal(SharedKnowledge.Knowledge.ContentHash, merged.ContentHash);
        Assert.Single(merged.Overlay.TriageCases);
    }
}
