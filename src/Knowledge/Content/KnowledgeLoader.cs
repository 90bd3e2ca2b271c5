using System.Security.Cryptography;
using System.Text.Json;

namespace MarrowBot.Knowledge.Content;

/// <summary>
/// Reads data/passages.json, data/faq.json and data/smalltalk.json and refuses content that could mislead a
/// patient: unknown sections, empty text, duplicate ids, answers citing passages that do not exist.
/// </summary>
public static class KnowledgeLoader
{
    public const string PassagesFile = "passages.json";
    public const string FaqFile = "faq.json";
    public const string SmalltalkFile = "smalltalk.json";
    public const string GuidanceFile = "guidance.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static KnowledgeBase Load(string dataDirectory)
    {
        var passagesBytes = Read(dataDirectory, PassagesFile);
        var faqBytes = Read(dataDirectory, FaqFile);
        var smalltalkBytes = Read(dataDirectory, SmalltalkFile);
        var guidanceBytes = Read(dataDirectory, GuidanceFile);

        var passages = ParsePassages(Parse<PassagesDocument>(passagesBytes, PassagesFile).Passages);
        var passageById = passages.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var faqs = ParseFaqs(Parse<FaqDocument>(faqBytes, FaqFile).Entries, passageById);
        var conversational = ParseConversational(Parse<SmalltalkDocument>(smalltalkBytes, SmalltalkFile).Intents, faqs);
        var guidance = ParseGuidance(Parse<GuidanceDocument>(guidanceBytes, GuidanceFile).Entries, faqs.Select(f => f.Id).Concat(conversational.Select(c => c.Id)));

        return new KnowledgeBase(passages, faqs, conversational, guidance, Hash(faqBytes, smalltalkBytes, guidanceBytes));
    }

    /// <summary>
    /// The curated content with an editor's overlay (ADR 0029) merged in: each phrasing becomes one more variant of
    /// its FAQ or guidance entry, each out-of-scope phrasing one more out-of-scope variant (a phrasing already there,
    /// ignoring case, is not added twice). The content hash covers the overlay's phrasings, so a changed overlay
    /// trains another intent model. The overlay must have been read against <paramref name="curated"/>.
    /// </summary>
    public static KnowledgeBase Merge(KnowledgeBase curated, KnowledgeOverlay overlay)
    {
        ArgumentNullException.ThrowIfNull(curated);
        ArgumentNullException.ThrowIfNull(overlay);
        if (overlay.Phrasings.Count == 0 && overlay.OutOfScope.Count == 0)
        {
            return new KnowledgeBase(curated.Passages, curated.Faqs, curated.Conversational, curated.Guidance, curated.ContentHash, overlay);
        }

        var added = overlay.Phrasings.Concat(overlay.OutOfScope).ToLookup(p => p.Intent, p => p.Text, StringComparer.Ordinal);
        IReadOnlyList<string> With(string id, IReadOnlyList<string> variants)
        {
            var result = variants.ToList();
            foreach (var text in added[id])
            {
                if (!result.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    result.Add(text);
                }
            }

            return result;
        }

        var faqs = curated.Faqs.Select(f => f with { Variants = With(f.Id, f.Variants) }).ToList();
        var guidance = curated.Guidance.Select(g => g with { Variants = With(g.Id, g.Variants) }).ToList();
        var conversational = curated.Conversational.Select(c => c with { Variants = With(c.Id, c.Variants) }).ToList();
        var hash = Hash(System.Text.Encoding.UTF8.GetBytes(curated.ContentHash), System.Text.Encoding.UTF8.GetBytes(overlay.PhrasingHash()));
        return new KnowledgeBase(curated.Passages, faqs, conversational, guidance, hash, overlay);
    }

    private static byte[] Read(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new KnowledgeDataException(path, "(file)", "the file does not exist");
        }

        return File.ReadAllBytes(path);
    }

    private static T Parse<T>(byte[] bytes, string file)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Json) ?? throw new KnowledgeDataException(file, "(file)", "the file is empty");
        }
        catch (JsonException ex)
        {
            throw new KnowledgeDataException(file, $"(line {ex.LineNumber + 1})", $"malformed JSON: {ex.Message}");
        }
    }

    private static List<Passage> ParsePassages(IReadOnlyList<PassageDto>? items)
    {
        Require(items is { Count: > 0 }, PassagesFile, "(file)", "no \"passages\" array");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Passage>();
        for (var i = 0; i < items!.Count; i++)
        {
            var dto = items[i];
            var name = string.IsNullOrWhiteSpace(dto.Id) ? $"#{i + 1}" : dto.Id;
            Require(!string.IsNullOrWhiteSpace(dto.Id), PassagesFile, name, "the passage has no id");
            Require(seen.Add(dto.Id!), PassagesFile, name, "duplicate id");
            Require(!string.IsNullOrWhiteSpace(dto.Section) && SectionIds.IsKnown(dto.Section), PassagesFile, name, $"unknown section id '{dto.Section}'");
            Require(!string.IsNullOrWhiteSpace(dto.Text), PassagesFile, name, "the passage text is empty");
            Require(!string.IsNullOrWhiteSpace(dto.Title), PassagesFile, name, "the passage title is empty");
            result.Add(new Passage(dto.Id!, dto.Section!, dto.Title!.Trim(), dto.Text!.Trim()));
        }

        foreach (var section in SectionIds.All)
        {
            Require(result.Any(p => p.Section == section), PassagesFile, section, "no passage restates this section");
        }

        return result;
    }

    private static List<FaqEntry> ParseFaqs(IReadOnlyList<FaqDto>? items, IReadOnlyDictionary<string, Passage> passages)
    {
        Require(items is { Count: > 0 }, FaqFile, "(file)", "no \"entries\" array");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<FaqEntry>();
        for (var i = 0; i < items!.Count; i++)
        {
            var dto = items[i];
            var name = string.IsNullOrWhiteSpace(dto.Id) ? $"#{i + 1}" : dto.Id;
            Require(!string.IsNullOrWhiteSpace(dto.Id), FaqFile, name, "the entry has no id");
            Require(seen.Add(dto.Id!), FaqFile, name, "duplicate id");
            Require(!string.IsNullOrWhiteSpace(dto.Question), FaqFile, name, "the question is empty");
            Require(!string.IsNullOrWhiteSpace(dto.Answer), FaqFile, name, "the answer is empty");
            Require(dto.Passages is { Count: > 0 }, FaqFile, name, "the answer cites no passage");
            foreach (var passageId in dto.Passages!)
            {
                Require(passages.ContainsKey(passageId), FaqFile, name, $"the answer cites passage '{passageId}', which does not exist");
            }

            Require(dto.Sections is { Count: > 0 }, FaqFile, name, "the entry cites no section");
            foreach (var section in dto.Sections!)
            {
                Require(SectionIds.IsKnown(section), FaqFile, name, $"unknown section id '{section}'");
            }

            var passageSections = dto.Passages!.Select(p => passages[p].Section).ToHashSet(StringComparer.Ordinal);
            Require(passageSections.SetEquals(dto.Sections!), FaqFile, name,
                $"cited sections [{string.Join(", ", dto.Sections!)}] differ from the sections of its passages [{string.Join(", ", passageSections)}]");
            Require(dto.Variants is { Count: > 0 } && dto.Variants.All(v => !string.IsNullOrWhiteSpace(v)), FaqFile, name, "the entry has no variants, or an empty one");
            result.Add(new FaqEntry(dto.Id!, dto.Question!.Trim(), dto.Answer!.Trim(), dto.Sections!, dto.Passages!, dto.Variants!, dto.FollowUps ?? []));
        }

        foreach (var entry in result)
        {
            foreach (var followUp in entry.FollowUps)
            {
                Require(seen.Contains(followUp) && followUp != entry.Id, FaqFile, entry.Id, $"follow-up '{followUp}' is not another entry");
            }
        }

        foreach (var section in SectionIds.All)
        {
            Require(result.Any(f => f.Sections.Contains(section)), FaqFile, section, "no FAQ entry covers this section");
        }

        return result;
    }

    private static List<ConversationalIntent> ParseConversational(IReadOnlyList<IntentDto>? items, IReadOnlyList<FaqEntry> faqs)
    {
        Require(items is { Count: > 0 }, SmalltalkFile, "(file)", "no \"intents\" array");
        var seen = faqs.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var result = new List<ConversationalIntent>();
        for (var i = 0; i < items!.Count; i++)
        {
            var dto = items[i];
            var name = string.IsNullOrWhiteSpace(dto.Id) ? $"#{i + 1}" : dto.Id;
            Require(!string.IsNullOrWhiteSpace(dto.Id), SmalltalkFile, name, "the intent has no id");
            Require(seen.Add(dto.Id!), SmalltalkFile, name, "duplicate id (also across faq.json)");
            Require(Enum.TryParse<ConversationalKind>(dto.Kind, ignoreCase: true, out var kind), SmalltalkFile, name, $"unknown kind '{dto.Kind}'");
            Require(dto.Replies is { Count: > 0 } && dto.Replies.All(r => !string.IsNullOrWhiteSpace(r)), SmalltalkFile, name, "the intent has no reply, or an empty one");
            Require(dto.Variants is { Count: > 0 } && dto.Variants.All(v => !string.IsNullOrWhiteSpace(v)), SmalltalkFile, name, "the intent has no variants, or an empty one");
            result.Add(new ConversationalIntent(dto.Id!, kind, dto.Replies!, dto.Variants!));
        }

        foreach (var required in ConversationalIntents.Required)
        {
            Require(result.Any(r => r.Id == required), SmalltalkFile, required, "this intent is required");
        }

        return result;
    }

    private static List<GuidanceEntry> ParseGuidance(IReadOnlyList<GuidanceDto>? items, IEnumerable<string> takenIds)
    {
        Require(items is { Count: > 0 }, GuidanceFile, "(file)", "no \"entries\" array");
        var seen = takenIds.ToHashSet(StringComparer.Ordinal);
        var result = new List<GuidanceEntry>();
        for (var i = 0; i < items!.Count; i++)
        {
            var dto = items[i];
            var name = string.IsNullOrWhiteSpace(dto.Id) ? $"#{i + 1}" : dto.Id;
            Require(!string.IsNullOrWhiteSpace(dto.Id), GuidanceFile, name, "the entry has no id");
            Require(seen.Add(dto.Id!), GuidanceFile, name, "duplicate id (also across faq.json and smalltalk.json)");
            Require(!string.IsNullOrWhiteSpace(dto.Question), GuidanceFile, name, "the question is empty");
            Require(!string.IsNullOrWhiteSpace(dto.Answer), GuidanceFile, name, "the answer is empty");
            Require(dto.Variants is { Count: > 0 } && dto.Variants.All(v => !string.IsNullOrWhiteSpace(v)), GuidanceFile, name, "the entry has no variants, or an empty one");
            result.Add(new GuidanceEntry(dto.Id!, dto.Question!.Trim(), dto.Answer!.Trim(), dto.Variants!));
        }

        return result;
    }

    private static void Require(bool condition, string file, string entry, string fault)
    {
        if (!condition)
        {
            throw new KnowledgeDataException(file, entry, fault);
        }
    }

    private static string Hash(params byte[][] parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            sha.AppendData(part);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private sealed record PassagesDocument(IReadOnlyList<PassageDto>? Passages);

    private sealed record PassageDto(string? Id, string? Section, string? Title, string? Text);

    private sealed record FaqDocument(IReadOnlyList<FaqDto>? Entries);

    private sealed record FaqDto(string? Id, string? Question, string? Answer, IReadOnlyList<string>? Sections, IReadOnlyList<string>? Passages, IReadOnlyList<string>? Variants, IReadOnlyList<string>? FollowUps);

    private sealed record SmalltalkDocument(IReadOnlyList<IntentDto>? Intents);

    private sealed record GuidanceDocument(IReadOnlyList<GuidanceDto>? Entries);

    private sealed record GuidanceDto(string? Id, string? Question, string? Answer, IReadOnlyList<string>? Variants);

    private sealed record IntentDto(string? Id, string? Kind, IReadOnlyList<string>? Replies, IReadOnlyList<string>? Variants);
}
