namespace MarrowBot.Knowledge.Embeddings;

/// <summary>
/// How one turn's word pieces (estimated: <see cref="EmbeddingText.EstimatedTokens"/>) are shared between triage's
/// second opinion and answer selection ("Embeddings:MaxTokensPerTurn", docs/decisions/0023-a-turn-budget-of-word-pieces.md).
/// A message within the budget is read whole by both, as before. A longer one is shared: triage first, with at most
/// two thirds; answer selection then has what triage left, never less than a third. The encoder's time is about a
/// fixed cost per call and a cost per word piece, so a long-winded message then costs what two short sentences do.
/// The rule engine reads all of every message; nothing here reduces what it reads.
/// </summary>
public static class TurnBudget
{
    /// <summary>About two short sentences of ordinary text (a 20-word sentence is about 40 estimated word pieces).</summary>
    public const int DefaultMaxTokens = 96;

    /// <summary>Whether <paramref name="text"/> is over the budget, and so shared (a message within it is read whole by both).</summary>
    public static bool IsOver(string text, int maxTokens) => EmbeddingText.EstimatedTokens(text) > maxTokens;

    /// <summary>The most triage's second opinion may give the encoder for a message over the budget.</summary>
    public static int ForTriage(int maxTokens) => maxTokens - AnswerAtLeast(maxTokens);

    /// <summary>What answer selection may give the encoder after triage gave it <paramref name="spentByTriage"/>.</summary>
    public static int ForAnswer(int maxTokens, int spentByTriage) => Math.Max(maxTokens - Math.Max(spentByTriage, 0), AnswerAtLeast(maxTokens));

    private static int AnswerAtLeast(int maxTokens) => maxTokens / 3;
}
