using System.Globalization;
using MarrowBot.Knowledge;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Staff.Conversations;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Improve;

/// <summary>
/// Adds an editor's phrasing, out-of-scope phrasing or triage case to the overlay file (ADR 0029), one change at a
/// time in this process: read, validate, append, write atomically. An overlay that cannot be read is not
/// overwritten (the change is refused and says why), so a hand-edited mistake is never lost.
/// </summary>
/// <param name="start">The curated content the overlay is checked against (no model is loaded for it, so the command line stays light).</param>
public sealed class OverlayEditor(StartupOverlay start, IOptions<KnowledgeOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The overlay file's full path; null when none is configured.</summary>
    public string? Path => options.Value.OverlayPath;

    /// <summary>The FAQ and guidance intents a phrasing may be added to, with their questions, in content order.</summary>
    public IReadOnlyList<(string Id, string Question)> Intents { get; } =
        start.Curated.Faqs.Select(f => (f.Id, f.Question)).Concat(start.Curated.Guidance.Select(g => (g.Id, g.Question))).ToList();

    /// <summary>The overlay as the file holds it now.</summary>
    /// <exception cref="KnowledgeDataException">The file cannot be read.</exception>
    public KnowledgeOverlay Read() => Path is null ? KnowledgeOverlay.Empty : OverlayFile.Read(Path, start.Curated);

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
        if (Path is null)
        {
            throw new StaffInputException("No overlay file is configured (Knowledge:OverlayPath).");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            KnowledgeOverlay current;
            try
            {
                current = Read();
            }
            catch (KnowledgeDataException ex)
            {
                throw new StaffInputException($"The overlay file could not be read, so nothing was added: {ex.Message}");
            }

            OverlayFile.Write(Path, change(current));
        }
        finally
        {
            _gate.Release();
        }
    }
}
