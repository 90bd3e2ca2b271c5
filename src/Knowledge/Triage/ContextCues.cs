namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// The context cues the rule engine found in one clause, each a reason why a symptom named there might not be a
/// current finding (shared/guides/triage-policy.md, "Context rules"). Someone else's symptom is not among them:
/// it counts the same as the writer's.
/// </summary>
[Flags]
public enum ContextCues
{
    None = 0,

    /// <summary>"no fever", "I don't have a temperature" (pseudo-negations such as "not sure" do not count): it covers the rest of its clause.</summary>
    Negation = 1,

    /// <summary>"what if", "in case", "signs of": unless the clause also says it is happening now or points at it ("this", "these").</summary>
    Hypothetical = 2,

    /// <summary>A general question ("is breathlessness a symptom?"), not one about the writer's own or someone's current symptom.</summary>
    Question = 4,

    /// <summary>"years ago", "last month" (unless the message says it is back), or a past-tense clause in a message that says it is over.</summary>
    Past = 8,

    /// <summary>"it's gone", "has stopped", "settled".</summary>
    Resolved = 16,

    /// <summary>"this is killing me", "dying to know".</summary>
    Idiom = 32,
}
