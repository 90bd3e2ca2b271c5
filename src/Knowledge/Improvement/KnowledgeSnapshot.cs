using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Understanding;

namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// Everything that depends on the phrasings, built together: the content with the overlay merged in, the intent
/// classifier trained on it, the content's vectors (null with Embeddings:Provider None) and the responder over them.
/// A turn reads one snapshot and uses it throughout, so a swap never mixes an old classifier with new content.
/// </summary>
public sealed record KnowledgeSnapshot(KnowledgeBase Knowledge, IIntentClassifier Classifier, MeaningIndex? Meaning, Responder Responder);
