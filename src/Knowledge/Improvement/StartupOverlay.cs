using MarrowBot.Knowledge.Content;
using Microsoft.Extensions.Logging;

namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// The curated content and the overlay as read at start. An overlay that cannot be read (malformed, an invalid
/// entry, the store unreachable) does not stop the bot: it starts on the curated data alone, and
/// <see cref="Problem"/> says why, for the console.
/// </summary>
/// <param name="Version">The store's overlay version this was read from (0: none written yet); null when it was not read from a store, or could not be.</param>
public sealed record StartupOverlay(KnowledgeBase Curated, KnowledgeOverlay Overlay, string? OverlayPath, string? Problem, long? Version = null)
{
    /// <summary>The name a fault in the store's document is reported under.</summary>
    public const string StoreDocumentName = "the stored overlay";

    public static StartupOverlay Read(KnowledgeBase curated, string? overlayPath)
    {
        if (string.IsNullOrWhiteSpace(overlayPath))
        {
            return new StartupOverlay(curated, KnowledgeOverlay.Empty, null, null);
        }

        try
        {
            return new StartupOverlay(curated, OverlayFile.Read(overlayPath, curated), overlayPath, null);
        }
        catch (Exception ex) when (ex is KnowledgeDataException or IOException or UnauthorizedAccessException)
        {
            // KnowledgeDataException names the list and position, never the text.
            return new StartupOverlay(curated, KnowledgeOverlay.Empty, overlayPath, ex is KnowledgeDataException ? ex.Message : $"{Path.GetFileName(overlayPath)}: {ex.GetType().Name}");
        }
    }

    /// <summary>
    /// The overlay from the store (ADR 0029, addendum). When the store has none yet and <paramref name="legacyPath"/>
    /// names an overlay file (the per-instance file of before), that file is imported once, if it can be read, and
    /// logged; the file is then left alone. A store that cannot be reached leaves the curated data alone: the
    /// instance's overlay watcher reads it later.
    /// </summary>
    public static StartupOverlay Load(KnowledgeBase curated, IOverlayStore store, string? legacyPath, ILogger logger, TimeProvider clock, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var cancel = new CancellationTokenSource(timeout);
        StoredOverlay? stored;
        try
        {
            stored = store.ReadAsync(cancel.Token).GetAwaiter().GetResult();
            if (stored is null && !string.IsNullOrWhiteSpace(legacyPath) && File.Exists(legacyPath))
            {
                var file = Read(curated, legacyPath);
                if (file.Problem is not null)
                {
                    return file;
                }

                if (store.TryWriteAsync(0, OverlayFile.Serialize(file.Overlay), clock.GetUtcNow(), cancel.Token).GetAwaiter().GetResult())
                {
                    logger.LogInformation("Imported the overlay file {File} into the store ({Phrasings} phrasings, {OutOfScope} out-of-scope phrasings, {Cases} triage cases); the file is no longer read",
                        legacyPath, file.Overlay.Phrasings.Count, file.Overlay.OutOfScope.Count, file.Overlay.TriageCases.Count);
                }

                stored = store.ReadAsync(cancel.Token).GetAwaiter().GetResult();
            }
        }
        catch (Exception ex) when (ex is not KnowledgeDataException)
        {
            // The type only: the store's message names no text, but nothing is gained by passing it on.
            return new StartupOverlay(curated, KnowledgeOverlay.Empty, null, $"{StoreDocumentName}: the store could not be read ({ex.GetType().Name})");
        }

        if (stored is null)
        {
            return new StartupOverlay(curated, KnowledgeOverlay.Empty, null, null, 0);
        }

        try
        {
            return new StartupOverlay(curated, OverlayFile.Parse(stored.Json, StoreDocumentName, curated), null, null, stored.Version);
        }
        catch (KnowledgeDataException ex)
        {
            return new StartupOverlay(curated, KnowledgeOverlay.Empty, null, ex.Message, stored.Version);
        }
    }
}
