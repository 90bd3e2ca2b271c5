using MarrowBot.Knowledge.Content;

namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// The curated content and the overlay as read at start. An overlay that cannot be read (malformed, an invalid
/// entry) does not stop the bot: it starts on the curated data alone, and <see cref="Problem"/> says why, for the
/// console.
/// </summary>
public sealed record StartupOverlay(KnowledgeBase Curated, KnowledgeOverlay Overlay, string? OverlayPath, string? Problem)
{
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
}
