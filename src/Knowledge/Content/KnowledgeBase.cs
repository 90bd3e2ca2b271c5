namespace MarrowBot.Knowledge.Content;

/// <summary>The validated, read-only content the bot answers from.</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, Passage> _passages;
    private readonly Dictionary<string, FaqEntry> _faqs;
    private readonly Dictionary<string, ConversationalIntent> _conversational;
    private readonly Dictionary<string, GuidanceEntry> _guidance;

    public KnowledgeBase(IReadOnlyList<Passage> passages, IReadOnlyList<FaqEntry> faqs, IReadOnlyList<ConversationalIntent> conversational, IReadOnlyList<GuidanceEntry> guidance, string contentHash, KnowledgeOverlay? overlay = null)
    {
        Overlay = overlay ?? KnowledgeOverlay.Empty;
        Guidance = guidance;
        _guidance = guidance.ToDictionary(g => g.Id, StringComparer.Ordinal);
        Passages = passages;
        Faqs = faqs;
        Conversational = conversational;
        ContentHash = contentHash;
        _passages = passages.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _faqs = faqs.ToDictionary(f => f.Id, StringComparer.Ordinal);
        _conversational = conversational.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Passage> Passages { get; }

    public IReadOnlyList<FaqEntry> Faqs { get; }

    public IReadOnlyList<ConversationalIntent> Conversational { get; }

    /// <summary>What-to-do answers from the triage policy.</summary>
    public IReadOnlyList<GuidanceEntry> Guidance { get; }

    /// <summary>SHA-256 of the files the intent model is trained on: a saved model is reused while this is unchanged.</summary>
    public string ContentHash { get; }

    /// <summary>The editors' additions merged into this content (ADR 0029); empty for the curated data alone.</summary>
    public KnowledgeOverlay Overlay { get; }

    public Passage Passage(string id) => _passages[id];

    public FaqEntry? FindFaq(string id) => _faqs.GetValueOrDefault(id);

    public ConversationalIntent? FindConversational(string id) => _conversational.GetValueOrDefault(id);

    public GuidanceEntry? FindGuidance(string id) => _guidance.GetValueOrDefault(id);
}
