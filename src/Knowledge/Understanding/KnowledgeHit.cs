using System.ComponentModel;

namespace MarrowBot.Knowledge.Understanding;

/// <summary>One cited passage found by <see cref="KnowledgeSearch"/>: what to quote, where it comes from, and what ranked it.</summary>
public sealed record KnowledgeHit(
    [property: Description("1 for the best passage")] int Rank,
    [property: Description("The passage's id in data/passages.json")] string PassageId,
    [property: Description("The id of the article section the passage restates, to cite")] string Section,
    [property: Description("The passage's title")] string Title,
    [property: Description("The passage's text, the only words that may be quoted as the article's")] string Text,
    [property: Description("The FAQ entry that led here by meaning, if any")] string? FaqId,
    [property: Description("That FAQ entry's question")] string? FaqQuestion,
    [property: Description("The fused reciprocal-rank score (higher is better)")] double Score,
    [property: Description("BM25 score of the passage's words, when they matched")] double? WordScore,
    [property: Description("Cosine similarity of the passage with the query, when embeddings are on")] double? PassageSimilarity,
    [property: Description("Cosine similarity of the FAQ entry's nearest phrasing with the query")] double? FaqSimilarity);
