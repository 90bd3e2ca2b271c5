namespace MarrowBot.Staff.Improve;

/// <summary>
/// The record of retrain runs (ADR 0029), kept in the store beside the audit log and shown on /staff/improve: who
/// asked, when it started and finished, the before and after figures, whether the candidate was accepted and why.
/// Never message text: the figures are numbers and the reason names figures and regression case ids.
/// </summary>
public interface IImprovementRuns
{
    /// <summary>Records a run that has started; returns its id.</summary>
    Task<long> StartAsync(string requestedBy, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>Records how the run ended.</summary>
    Task FinishAsync(long id, ImprovementRunResult result, DateTimeOffset finishedAt, CancellationToken cancellationToken);

    /// <summary>The most recent runs first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ImprovementRun>> ListAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>One retrain run; <see cref="Result"/> is null while it is running (or if the process stopped during it).</summary>
public sealed record ImprovementRun(long Id, string RequestedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, ImprovementRunResult? Result);

/// <param name="Outcome">One of <see cref="ImprovementOutcomes"/>.</param>
/// <param name="BeforeFigures">The current model's figures as JSON, or null.</param>
/// <param name="AfterFigures">The candidate's figures as JSON, or null.</param>
public sealed record ImprovementRunResult(string Outcome, string Reason, string? BeforeFigures, string? AfterFigures);

public static class ImprovementOutcomes
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
}
