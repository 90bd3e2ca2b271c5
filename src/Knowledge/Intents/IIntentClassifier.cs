namespace MarrowBot.Knowledge.Intents;

/// <summary>Maps a message to the intents it most likely expresses.</summary>
public interface IIntentClassifier
{
    /// <summary>Scores every known intent for <paramref name="text"/>; safe to call from concurrent turns.</summary>
    IntentPrediction Predict(string text);
}
