namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// A message as the rule engine reads it (<see cref="TriageEngine.Read"/>): its clauses, split where the rules
/// split them, each with the context cues found in it, so that a second reader applies the same context rules.
/// </summary>
/// <param name="DescribesNoOne">The message says none of it is about anyone ("for a lesson", "none of this is about me").</param>
/// <param name="Clauses">Every clause, in order.</param>
public sealed record TriageReading(bool DescribesNoOne, IReadOnlyList<TriageClause> Clauses)
{
    public static TriageReading Empty { get; } = new(false, []);
}

/// <summary>
/// One clause: its span in the text as typed, its folded text, how many words it has, and its context cues. When the
/// clause has a negation (<see cref="ContextCues.Negation"/>), the span, text and words are those before it, the
/// only part of the clause a finding can still be in ("im breathless sitting here doing nothing"); likewise when a
/// question begins inside it ("chest pain and sweating" of "chest pain and sweating what do i do?").
/// </summary>
public sealed record TriageClause(int Start, int Length, string Text, int Words, ContextCues Cues);
