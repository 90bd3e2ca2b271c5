namespace MarrowBot.Knowledge.Intents;

/// <summary>Intents ranked by probability, most likely first.</summary>
public sealed record IntentPrediction(IReadOnlyList<IntentScore> Ranked)
{
    public static IntentPrediction None { get; } = new([]);

    public IntentScore? Top => Ranked.Count > 0 ? Ranked[0] : null;

    public IntentScore? Second => Ranked.Count > 1 ? Ranked[1] : null;
}

/// <summary>One intent and its probability.</summary>
public sealed record IntentScore(string Intent, float Probability);
