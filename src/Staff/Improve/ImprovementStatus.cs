using System.Text.Json;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Improvement;

namespace MarrowBot.Staff.Improve;

/// <summary>What /staff/improve shows: the overlay's entries (pending until a retrain puts them live), whether it could be read, whether a retrain runs, and the recent runs.</summary>
public sealed class ImprovementStatus(OverlayEditor editor, LiveKnowledge live, IImprovementRuns runs, RetrainService retrains)
{
    public const int RunsShown = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ImprovementView> ReadAsync(CancellationToken cancellationToken)
    {
        string? problem = live.OverlayProblem;
        KnowledgeOverlay overlay;
        try
        {
            overlay = await editor.ReadAsync(cancellationToken);
        }
        catch (KnowledgeDataException ex)
        {
            overlay = KnowledgeOverlay.Empty;
            problem = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            overlay = KnowledgeOverlay.Empty;
            problem = $"{StartupOverlay.StoreDocumentName}: the store could not be read ({ex.GetType().Name})";
        }

        var inUse = live.Current.Knowledge.Overlay;
        var entries = new List<OverlayEntryView>();
        entries.AddRange(overlay.Phrasings.Select(p => new OverlayEntryView("phrasing", p.Intent, p.Text, p.AddedBy, p.AddedAt, !inUse.Phrasings.Any(u => u.Intent == p.Intent && u.Text == p.Text))));
        entries.AddRange(overlay.OutOfScope.Select(p => new OverlayEntryView("out-of-scope", null, p.Text, p.AddedBy, p.AddedAt, !inUse.OutOfScope.Any(u => u.Text == p.Text))));
        entries.AddRange(overlay.TriageCases.Select(c => new OverlayEntryView("triage-case", c.Tier.ToString().ToLowerInvariant(), c.Text, c.AddedBy, c.AddedAt, !inUse.TriageCases.Any(u => u.Id == c.Id), c.Id)));
        var recent = await runs.ListAsync(RunsShown, cancellationToken);
        return new ImprovementView(problem, entries, retrains.IsRunning, recent.Select(r => new RunView(r, Figures(r.Result?.BeforeFigures), Figures(r.Result?.AfterFigures))).ToList());
    }

    private static KnowledgeFigures? Figures(string? json) => json is null ? null : JsonSerializer.Deserialize<KnowledgeFigures>(json, Json);
}

public sealed record ImprovementView(string? OverlayProblem, IReadOnlyList<OverlayEntryView> Entries, bool Running, IReadOnlyList<RunView> Runs)
{
    public object ToJson() => new
    {
        overlayProblem = OverlayProblem,
        running = Running,
        entries = Entries.Select(e => new { kind = e.Kind, intentOrTier = e.IntentOrTier, text = e.Text, addedBy = e.AddedBy, addedAt = e.AddedAt, pending = e.Pending, id = e.Id }),
        runs = Runs.Select(r => new
        {
            id = r.Run.Id,
            requestedBy = r.Run.RequestedBy,
            startedAt = r.Run.StartedAt,
            finishedAt = r.Run.FinishedAt,
            outcome = r.Run.Result?.Outcome,
            reason = r.Run.Result?.Reason,
            before = r.Before,
            after = r.After,
        }),
    };
}

/// <param name="IntentOrTier">The intent of a phrasing, the tier of a triage case, null for out of scope.</param>
/// <param name="Pending">In the stored overlay but not yet in the model the bot answers from.</param>
public sealed record OverlayEntryView(string Kind, string? IntentOrTier, string Text, string AddedBy, DateTimeOffset AddedAt, bool Pending, string? Id = null);

public sealed record RunView(ImprovementRun Run, KnowledgeFigures? Before, KnowledgeFigures? After);
