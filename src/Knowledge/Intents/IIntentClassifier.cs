namespace MarrowBot.Knowledge.Intents;

/// <summary>Maps a message to the intents it most likely expresses.</summary>
public interface IIntentClassifier
{
    /// <summary>Scores every known intent for <paramref name="text"/>; safe to call from concurrent turns.</summary>
    IntentPrediction Predict(string text);

    /// <summary>
    /// As <see cref="Predict(string)"/>, given the message's sentence vector when the caller has already computed it
    /// (so a classifier that reads meaning does not encode the same text again). A classifier that reads words only
    /// ignores it.
    /// </summary>
    IntentPrediction Predict(string text, ReadOnlyMemory<float> vector) => Predict(text);
}
