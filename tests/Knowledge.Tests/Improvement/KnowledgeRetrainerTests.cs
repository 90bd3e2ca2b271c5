using System.Diagnostics;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Knowledge.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MarrowBot.Knowledge.Tests.Improvement;

/// <summary>
/// One retrain as the host runs it (AddKnowledge), on words only (Embeddings:Provider None) to stay fast: the
/// candidate is scored against the current on the development held-out sets and swapped in only when the gate
/// accepts it. Prints how long a run takes.
/// </summary>
public sealed class KnowledgeRetrainerTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-retrain-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ARetrainScoresBothModelsOnTheDevSetsAndSwapsOnlyWhenTheGateAccepts()
    {
        var overlayPath = Path.Combine(_folder, OverlayFile.DefaultFileName);
        using var services = KnowledgeServices.Build(new()
        {
            ["Embeddings:Provider"] = "None",
            ["Knowledge:OverlayPath"] = overlayPath,
            ["Knowledge:HeldOutDirectory"] = Path.Combine(AppContext.BaseDirectory, "Evaluation"),
            ["Knowledge:ModelDirectory"] = Path.Combine(_folder, "models"),
        });
        var live = services.GetRequiredService<LiveKnowledge>();
        var before = live.Current;
        var intent = before.Knowledge.Faqs[0].Id;
        OverlayFile.Write(overlayPath, new KnowledgeOverlay([new OverlayPhrasing(intent, "zebra crossing question about this topic", "ed", DateTimeOffset.UnixEpoch, null)], [], []));

        var watch = Stopwatch.StartNew();
        var outcome = services.GetRequiredService<IKnowledgeRetrainer>().Run();
        output.WriteLine($"retrain and gate, words only: {watch.ElapsedMilliseconds} ms; {outcome.Decision.Reason}");
        output.WriteLine($"before {outcome.Before}; after {outcome.After}");

        Assert.NotNull(outcome.Before);
        Assert.NotNull(outcome.After);
        Assert.True(outcome.After.Answerable > 0 && outcome.After.OutOfScope > 0 && outcome.After.Emergencies > 0);
        Assert.Equal(outcome.Decision.Accepted, !ReferenceEquals(before, live.Current));
        if (outcome.Decision.Accepted)
        {
            Assert.Contains("zebra crossing question about this topic", live.Current.Knowledge.FindFaq(intent)!.Variants);
        }
    }

    [Fact]
    public void AnOverlayThatCannotBeReadIsRejectedAndTheModelKept()
    {
        var overlayPath = Path.Combine(_folder, OverlayFile.DefaultFileName);
        using var services = KnowledgeServices.Build(new()
        {
            ["Embeddings:Provider"] = "None",
            ["Knowledge:OverlayPath"] = overlayPath,
            ["Knowledge:ModelDirectory"] = Path.Combine(_folder, "models"),
        });
        var live = services.GetRequiredService<LiveKnowledge>();
        var before = live.Current;
        File.WriteAllText(overlayPath, """{"phrasings":[{"intent":"nope","text":"x"}]}""");

        var outcome = services.GetRequiredService<IKnowledgeRetrainer>().Run();

        Assert.False(outcome.Decision.Accepted);
        Assert.Contains("phrasings #1", outcome.Decision.Reason, StringComparison.Ordinal);
        Assert.Same(before, live.Current);
        Assert.NotNull(live.OverlayProblem);
    }
}
