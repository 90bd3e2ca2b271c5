using System.Security.Cryptography;
using System.Text;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Content;

/// <summary>
/// What editors added from real conversations (ADR 0029), kept in a file beside the data store and loaded with the
/// curated data: phrasings of FAQ or guidance intents, phrasings that are out of scope, and triage cases. The text is
/// the stored (redacted) turn text as the editor saved it.
/// </summary>
public sealed record KnowledgeOverlay(IReadOnlyList<OverlayPhrasing> Phrasings, IReadOnlyList<OverlayPhrasing> OutOfScope, IReadOnlyList<OverlayTriageCase> TriageCases)
{
    /// <summary>The longest phrasing or case text kept: a question or a symptom in a few sentences.</summary>
    public const int MaxTextChars = 500;

    public static KnowledgeOverlay Empty { get; } = new([], [], []);

    public bool IsEmpty => Phrasings.Count == 0 && OutOfScope.Count == 0 && TriageCases.Count == 0;

    /// <summary>SHA-256 of what the classifier learns from the overlay (the phrasings), for the model's cache key.</summary>
    public string PhrasingHash()
    {
        var text = new StringBuilder();
        foreach (var p in Phrasings)
        {
            text.Append(p.Intent).Append('\u001f').Append(p.Text).Append('\u001e');
        }

        text.Append('\u001d');
        foreach (var p in OutOfScope)
        {
            text.Append(p.Text).Append('\u001e');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <param name="Intent">The FAQ or guidance intent id, or <see cref="ConversationalIntents.OutOfScope"/> for an out-of-scope phrasing.</param>
/// <param name="Source">Where it came from: the conversation's channel and id and the turn's activity id; null when typed.</param>
public sealed record OverlayPhrasing(string Intent, string Text, string AddedBy, DateTimeOffset AddedAt, string? Source);

/// <param name="Id">A stable name for the case, used in test failures and the regression file.</param>
/// <param name="Tier">The least tier triage must give the text (routine, urgent or emergency).</param>
/// <param name="FromLabel">The staff label that created it (e.g. missed-red-flag), or null when made by hand.</param>
public sealed record OverlayTriageCase(string Id, string Text, TriageTier Tier, string AddedBy, DateTimeOffset AddedAt, string? FromLabel, string? Source);
