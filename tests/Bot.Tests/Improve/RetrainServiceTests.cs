using MarrowBot.Knowledge.Improvement;
using MarrowBot.Staff.Improve;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Bot.Tests.Improve;

/// <summary>The background retrain service (ADR 0029): one run at a time, requests meanwhile coalesced into one next run, every run recorded.</summary>
public sealed class RetrainServiceTests
{
    private static readonly KnowledgeFigures Figures = new(0.8, 10, 0.9, 10, 1, 10, 1, 10, 0, []);

    [Fact]
    public async Task RequestsWhileARunIsGoingJoinOneNextRunAndEachRunIsRecorded()
    {
        var retrainer = new BlockingRetrainer();
        var runs = new MemoryRuns();
        using var service = new RetrainService(() => retrainer, runs, TimeProvider.System, NullLogger<RetrainService>.Instance);
        await service.StartAsync(CancellationToken.None);

        Assert.True(service.Request("ed.a"));
        await retrainer.Started.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(service.Request("ed.b"));
        Assert.False(service.Request("ed.c"));
        Assert.False(service.Request("ed.d"));
        Assert.True(service.IsRunning);
        retrainer.Release();
        await WaitUntilAsync(() => service.Completed == 2);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(2, retrainer.Runs);
        Assert.Equal(["ed.a", "ed.b"], runs.Started);
        Assert.All(runs.Finished, r => Assert.Equal(ImprovementOutcomes.Accepted, r.Outcome));
        Assert.Contains("answerRightOrOffered", runs.Finished[0].BeforeFigures, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARetrainThatThrowsIsRecordedAsFailedByItsTypeAndTheServiceGoesOn()
    {
        var runs = new MemoryRuns();
        using var service = new RetrainService(() => new ThrowingRetrainer(), runs, TimeProvider.System, NullLogger<RetrainService>.Instance);
        await service.StartAsync(CancellationToken.None);

        service.Request("ed.a");
        await WaitUntilAsync(() => service.Completed == 1);
        service.Request("ed.b");
        await WaitUntilAsync(() => service.Completed == 2);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(2, runs.Finished.Count);
        Assert.All(runs.Finished, r => Assert.Equal(ImprovementOutcomes.Failed, r.Outcome));
        Assert.Contains(nameof(InvalidDataException), runs.Finished[0].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret patient words", runs.Finished[0].Reason, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    private sealed class BlockingRetrainer : IKnowledgeRetrainer
    {
        private readonly SemaphoreSlim _release = new(0);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runs;

        public Task Started => _started.Task;

        public int Runs => Volatile.Read(ref _runs);

        public void Release() => _release.Release(10);

        public RetrainOutcome Run()
        {
            Interlocked.Increment(ref _runs);
            _started.TrySetResult();
            _release.Wait(TimeSpan.FromSeconds(10));
            return new RetrainOutcome(Figures, Figures, new GateDecision(true, "At least as good on every figure."), TimeSpan.Zero);
        }
    }

    private sealed class ThrowingRetrainer : IKnowledgeRetrainer
    {
        public RetrainOutcome Run() => throw new InvalidDataException("secret patient words");
    }

    private sealed class MemoryRuns : IImprovementRuns
    {
        private long _next;

        public List<string> Started { get; } = [];

        public List<ImprovementRunResult> Finished { get; } = [];

        public Task<long> StartAsync(string requestedBy, DateTimeOffset startedAt, CancellationToken cancellationToken)
        {
            lock (Started)
            {
                Started.Add(requestedBy);
            }

            return Task.FromResult(Interlocked.Increment(ref _next));
        }

        public Task FinishAsync(long id, ImprovementRunResult result, DateTimeOffset finishedAt, CancellationToken cancellationToken)
        {
            lock (Finished)
            {
                Finished.Add(result);
            }

            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<ImprovementRun>> ListAsync(int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ImprovementRun>>([]);
    }
}
