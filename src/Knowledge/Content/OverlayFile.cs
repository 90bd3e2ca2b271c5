using System.Text.Json;
using System.Text.Json.Serialization;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Knowledge.Content;

/// <summary>
/// Reads, validates and writes the overlay file (ADR 0029). A missing file is an empty overlay. Validation refuses
/// an unknown intent, an empty or too long text, an unknown or missing tier and a duplicate case id, naming the list
/// and the entry's position (never its text, which came from a patient). Writes go to a temporary file in the same
/// folder and are renamed over the old one, so a reader never sees half a file.
/// </summary>
public static class OverlayFile
{
    public const string DefaultFileName = "knowledge-overlay.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>The overlay in <paramref name="path"/>, checked against the curated intents of <paramref name="curated"/>.</summary>
    /// <exception cref="KnowledgeDataException">The file is malformed or an entry is invalid.</exception>
    public static KnowledgeOverlay Read(string path, KnowledgeBase curated)
    {
        ArgumentNullException.ThrowIfNull(curated);
        if (!File.Exists(path))
        {
            return KnowledgeOverlay.Empty;
        }

        return Parse(File.ReadAllBytes(path), Path.GetFileName(path), curated);
    }

    /// <summary>The overlay in <paramref name="json"/> (the file's or the store's document), checked as <see cref="Read"/> checks a file; <paramref name="name"/> names it in a fault.</summary>
    /// <exception cref="KnowledgeDataException">The document is malformed or an entry is invalid.</exception>
    public static KnowledgeOverlay Parse(byte[] json, string name, KnowledgeBase curated)
    {
        ArgumentNullException.ThrowIfNull(curated);
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Json);
        }
        catch (JsonException ex)
        {
            // The serializer's message can quote the offending value; only the position is kept.
            throw new KnowledgeDataException(name, $"(line {ex.LineNumber + 1})", "malformed JSON, or a tier that is not routine, urgent or emergency");
        }

        if (document is null)
        {
            return KnowledgeOverlay.Empty;
        }

        return Validate(name, document, curated);
    }

    /// <summary>The overlay as the JSON document the file and the store hold.</summary>
    public static byte[] Serialize(KnowledgeOverlay overlay)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        var document = new Document(
            overlay.Phrasings.Select(p => new PhrasingDto(p.Intent, p.Text, p.AddedBy, p.AddedAt, p.Source)).ToList(),
            overlay.OutOfScope.Select(p => new PhrasingDto(null, p.Text, p.AddedBy, p.AddedAt, p.Source)).ToList(),
            overlay.TriageCases.Select(c => new CaseDto(c.Id, c.Text, c.Tier, c.AddedBy, c.AddedAt, c.FromLabel, c.Source)).ToList());
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <summary>Writes <paramref name="overlay"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Write(string path, KnowledgeOverlay overlay)
    {
        ArgumentNullException.ThrowIfNull(overlay);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, Serialize(overlay));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The intents a phrasing may be added to: every FAQ and guidance entry.</summary>
    public static bool IsPhrasingIntent(KnowledgeBase curated, string? intent) =>
        intent is not null && (curated.FindFaq(intent) is not null || curated.FindGuidance(intent) is not null);

    /// <summary>Why <paramref name="text"/> cannot be kept, or null when it can.</summary>
    public static string? TextFault(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "the text is empty"
        : text.Trim().Length > KnowledgeOverlay.MaxTextChars ? $"the text is longer than {KnowledgeOverlay.MaxTextChars} characters"
        : null;

    private static KnowledgeOverlay Validate(string file, Document document, KnowledgeBase curated)
    {
        var phrasings = new List<OverlayPhrasing>();
        var items = document.Phrasings ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            var entry = $"phrasings #{i + 1}";
            Require(IsPhrasingIntent(curated, dto.Intent), file, entry, $"unknown intent '{dto.Intent}' (not an FAQ or guidance entry)");
            Require(TextFault(dto.Text) is null, file, $"{entry} (intent '{dto.Intent}')", TextFault(dto.Text)!);
            phrasings.Add(new OverlayPhrasing(dto.Intent!, dto.Text!.Trim(), dto.AddedBy ?? "unknown", dto.AddedAt ?? DateTimeOffset.UnixEpoch, dto.Source));
        }

        var outOfScope = new List<OverlayPhrasing>();
        items = document.OutOfScope ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var dto = items[i];
            Require(TextFault(dto.Text) is null, file, $"outOfScope #{i + 1}", TextFault(dto.Text)!);
            outOfScope.Add(new OverlayPhrasing(ConversationalIntents.OutOfScope, dto.Text!.Trim(), dto.AddedBy ?? "unknown", dto.AddedAt ?? DateTimeOffset.UnixEpoch, dto.Source));
        }

        var cases = new List<OverlayTriageCase>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var caseItems = document.TriageCases ?? [];
        for (var i = 0; i < caseItems.Count; i++)
        {
            var dto = caseItems[i];
            var entry = $"triageCases #{i + 1}";
            Require(!string.IsNullOrWhiteSpace(dto.Id), file, entry, "the case has no id");
            Require(ids.Add(dto.Id!), file, $"{entry} ('{dto.Id}')", "duplicate id");
            Require(dto.Tier is TriageTier.Routine or TriageTier.Urgent or TriageTier.Emergency, file, $"{entry} ('{dto.Id}')", "the tier must be routine, urgent or emergency");
            Require(TextFault(dto.Text) is null, file, $"{entry} ('{dto.Id}')", TextFault(dto.Text)!);
            cases.Add(new OverlayTriageCase(dto.Id!, dto.Text!.Trim(), dto.Tier!.Value, dto.AddedBy ?? "unknown", dto.AddedAt ?? DateTimeOffset.UnixEpoch, dto.FromLabel, dto.Source));
        }

        return new KnowledgeOverlay(phrasings, outOfScope, cases);
    }

    private static void Require(bool condition, string file, string entry, string fault)
    {
        if (!condition)
        {
            throw new KnowledgeDataException(file, entry, fault);
        }
    }

    private sealed record Document(IReadOnlyList<PhrasingDto>? Phrasings, IReadOnlyList<PhrasingDto>? OutOfScope, IReadOnlyList<CaseDto>? TriageCases);

    private sealed record PhrasingDto(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Intent,
        string? Text,
        string? AddedBy,
        DateTimeOffset? AddedAt,
        string? Source);

    private sealed record CaseDto(string? Id, string? Text, TriageTier? Tier, string? AddedBy, DateTimeOffset? AddedAt, string? FromLabel, string? Source);
}
