namespace MarrowBot.Knowledge.Intents;

/// <summary>
/// What the classifier needs to read meaning as well as words: the encoder's model id (part of the saved model's
/// name), the sentence vectors of the training phrasings in <see cref="TrainingExample.From"/>'s order (from the
/// vector cache, not encoded again), and a way to encode a message when no caller has done so already.
/// </summary>
public sealed record IntentMeaning(string ModelId, Func<IReadOnlyList<float[]>> TrainingVectors, Func<string, float[]> Embed);
