using System.Globalization;
using MarrowBot.Knowledge;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Conversations;

namespace MarrowBot.Staff.Improve;

/// <summary>
/// Adds an editor's phrasing, out-of-scope phrasing or triage case to the overlay in the store (ADR 0029 and its
/// addendum): read, validate, append, and write only if no other writer (on this instance or another) wrote in
/// between; if one did, read again and reapply, so two editors never lose each other's additions. An overlay that
/// cannot be read is not overwritten (the change is refused and says why), so a hand-edited mistake is never lost.
/// </summary>
/// <param name="start">The curated content the overlay is checked against (no model is loaded for it, so the command line stays light).</param>
public sealed class OverlayEditor(StartupOverlay start, IOverlayStore store, TimeProvider clock)
{
    /// <summary>How many times a change is reapplied when other writers keep getting there first.</summary>
    public const int MaxAttempts = 20;

    /// <summary>The FAQ and guidance intents a phrasing may be added to, with their questions, in content order.</summary>
    public IReadOnlyList<(string Id, string Question)> Intents { get; } =
        start.Curated.Faqs.Select(f => (f.Id, f.Question)).Concat(start.Curated.Guidance.Select(g => (g.Id, g.Question))).ToList();

    /// <summary>The overlay as the store holds it now.</summary>
    /// <exception cref="KnowledgeDataException">The stored document cannot be read.</exception>
    public async Task<KnowledgeOverlay> ReadAsync(CancellationToken cancellationToken) => (await ReadVersionedAsync(cancellationToken)).Overlay;

    private async Task<(KnowledgeOverlay Overlay, long Version)> ReadVersionedAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(cancellationToken);
        return stored is null ? (KnowledgeOverlay.Empty, 0) : (OverlayFile.Parse(stored.Json, StartupOverlay.StoreDocumentName, start.Curated), stored.Version);
    }

    public Task AddPhrasingAsync(string? intent, string? text, string by, DateTimeOffset at, string? source, CancellationToken cancellationToken)
    {
        if (!OverlayFile.IsPhrasingIntent(start.Curated, intent))
        {
            throw new StaffInputException("Choose one of the FAQ or guidance intents.");
        }

        var clean = CleanText(text);
        return ChangeAsync(o => o with { Phrasings = [.. o.Phrasings, new OverlayPhrasing(intent!, clean, by, at, source)] }, cancellationToken);
    }

    public Task AddOutOfScopeAsync(string? text, string by, DateTimeOffset at, string? source, CancellationToken cancellationToken)
    {
        var clean = CleanText(text);
        return ChangeAsync(o => o with { OutOfScope = [.. o.OutOfScope, new OverlayPhrasing(ConversationalIntents.OutOfScope, clean, by, at, source)] }, cancellationToken);
    }

    /// <summary>Adds a triage case; returns its id.</summary>
    public async Task<string> AddTriageCaseAsync(string? text, TriageTier tier, string by, DateTimeOffset at, string? fromLabel, string? source, CancellationToken cancellationToken)
    {
        if (tier is not (TriageTier.Routine or TriageTier.Urgent or TriageTier.Emergency))
        {
            throw new StaffInputException("The tier must be routine, urgent or emergency.");
        }

        var clean = CleanText(text);
        var id = string.Create(CultureInfo.InvariantCulture, $"{fromLabel ?? "case"}-{at:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
        await ChangeAsync(o => o with { TriageCases = [.. o.TriageCases, new OverlayTriageCase(id, clean, tier, by, at, fromLabel, source)] }, cancellationToken);
        return id;
    }

    /// <summary>Parses a tier as the forms and the API send it.</summary>
    public static TriageTier? ParseTier(string? value) =>
        value?.Trim().ToLowerInvariant() switch
        {
            "routine" => TriageTier.Routine,
            "urgent" => TriageTier.Urgent,
            "emergency" => TriageTier.Emergency,
            _ => null,
        };

    private static string CleanText(string? text) =>
        OverlayFile.TextFault(text) is { } fault ? throw new StaffInputException($"Not saved: {fault}.") : text!.Trim();

    private async Task ChangeAsync(Func<KnowledgeOverlay, KnowledgeOverlay> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            (KnowledgeOverlay Overlay, long Version) current;
            try
            {
                current = await ReadVersionedAsync(cancellationToken);
            }
            catch (KnowledgeDataException ex)
            {
                throw new StaffInputException($"The overlay could not be read, so nothing was added: {ex.Message}");
            }

            if (await store.TryWriteAsync(current.Version, OverlayFile.Serialize(change(current.Overlay)), clock.GetUtcNow(), cancellationToken))
            {
                return;
            }

            // Another writer got there first: read what it wrote and add this change to it.
            await Task.Delay(Random.Shared.Next(5, 25 * (attempt + 1)), cancellationToken);
        }

        throw new StaffInputException("The overlay kept changing while this was being saved; nothing was added. Try again.");
    }
}
