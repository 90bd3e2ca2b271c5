using MarrowBot.Knowledge.Content;

namespace MarrowBot.Knowledge.Retrieval;

/// <summary>A passage that matched a query, with its BM25 score and how many of the query's content terms it contains.</summary>
public sealed record RetrievalHit(Passage Passage, double Score, int MatchedTerms, int QueryTerms);
