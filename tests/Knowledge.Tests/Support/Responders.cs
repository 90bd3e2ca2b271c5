using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.Options;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>A responder over the real content, with the classifier and safety settings a test chooses.</summary>
public static class Responders
{
    public static Responder Build(IIntentClassifier classifier, SafetyOptions? safety = null, ResponderOptions? answering = null)
    {
        var options = Options.Create(safety ?? new SafetyOptions());
        return new Responder(
            SharedKnowledge.Knowledge,
            classifier,
            SharedKnowledge.Index,
            new SafetyReplies(SharedTriage.Lexicon, options),
            Options.Create(answering ?? new ResponderOptions()),
            options);
    }
}
