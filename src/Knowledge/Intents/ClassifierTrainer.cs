namespace MarrowBot.Knowledge.Intents;

/// <summary>The multiclass maximum-entropy trainers cross-validation compares; both give calibrated probabilities.</summary>
public enum ClassifierTrainer
{
    /// <summary>SDCA, the bot's trainer (ADR 0003).</summary>
    SdcaMaximumEntropy,

    /// <summary>L-BFGS on the same softmax objective.</summary>
    LbfgsMaximumEntropy,
}
