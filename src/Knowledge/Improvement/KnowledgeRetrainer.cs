using System.Diagnostics;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// One retrain (ADR 0029): reads the overlay (from the store when there is one, else the file), builds a candidate snapshot from the curated content and the
/// overlay, scores the current and the candidate on the development held-out sets and the triage regression cases
/// (the committed ones and the overlay's), and swaps the candidate in only when <see cref="ImprovementGate"/>
/// accepts it. Runs on the caller's thread; the host runs it on a background service, one at a time.
/// </summary>
public sealed class KnowledgeRetrainer(LiveKnowledge live, KnowledgeBuilder builder, ITriageEngine triage, HeldOutSets sets, IReadOnlyList<RegressionCase> committed, string? overlayPath, int answerSlack = 0, IOverlayStore? store = null) : IKnowledgeRetrainer
{
    /// <inheritdoc/>
    public RetrainOutcome Run()
    {
        var watch = Stopwatch.StartNew();
        KnowledgeOverlay overlay;
        try
        {
            if (store is not null)
            {
                // The version is taken as read, before parsing, so a document that cannot be read is not retried until it changes.
                var stored = store.ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
                live.OverlayVersion = stored?.Version ?? 0;
                overlay = stored is null ? KnowledgeOverlay.Empty : OverlayFile.Parse(stored.Json, StartupOverlay.StoreDocumentName, builder.Curated);
            }
            else
            {
                overlay = string.IsNullOrWhiteSpace(overlayPath) ? KnowledgeOverlay.Empty : OverlayFile.Read(overlayPath, builder.Curated);
            }
        }
        catch (KnowledgeDataException ex)
        {
            live.OverlayProblem = ex.Message;
            return new RetrainOutcome(null, null, new GateDecision(false, $"The overlay could not be read: {ex.Message}"), watch.Elapsed);
        }

        live.OverlayProblem = null;
        var current = live.Current;
        var candidate = builder.Build(overlay);
        var regressions = committed.Concat(overlay.TriageCases.Select(c => new RegressionCase(c.Id, c.Text, c.Tier, c.FromLabel))).ToList();
        var triageScore = KnowledgeScorer.ScoreTriage(triage, sets, regressions);
        var before = KnowledgeScorer.Score(current, sets, triageScore);
        var after = KnowledgeScorer.Score(candidate, sets, triageScore);
        var decision = ImprovementGate.Decide(before, after, answerSlack);
        if (decision.Accepted)
        {
            live.Swap(candidate);
        }

        return new RetrainOutcome(before, after, decision, watch.Elapsed);
    }
}

/// <param name="Before">The current snapshot's figures; null when the overlay could not be read.</param>
/// <param name="After">The candidate's figures; null when none was built.</param>
public sealed record RetrainOutcome(KnowledgeFigures? Before, KnowledgeFigures? After, GateDecision Decision, TimeSpan Elapsed);
