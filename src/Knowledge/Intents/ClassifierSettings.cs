namespace MarrowBot.Knowledge.Intents;

/// <summary>
/// The intent classifier's choices that cross-validation compares (bench/Benchmarks classifier-cv): how much the
/// sentence vector weighs, the character n-gram length, the trainer and its L2 regularisation. The bot trains with
/// <see cref="Default"/>; other values exist so the cross-validation runs the bot's own pipeline, not a copy of it.
/// </summary>
public sealed record ClassifierSettings(float MeaningScale, int CharGramLength, ClassifierTrainer Trainer, float L2Regularization)
{
    /// <summary>The bot's settings (ADR 0003, ADR 0021).</summary>
    public static ClassifierSettings Default { get; } = new(IntentModelTrainer.MeaningScale, 4, ClassifierTrainer.SdcaMaximumEntropy, 3e-5f);
}
