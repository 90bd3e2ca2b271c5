namespace MarrowBot.Knowledge.Triage;

/// <summary>Reads a message for symptoms that should not wait (shared/guides/triage-policy.md).</summary>
public interface ITriageEngine
{
    /// <summary>Assesses the whole of <paramref name="text"/>, however long; safe to call from concurrent turns.</summary>
    TriageResult Assess(string text, TriageContext? context = null);
}

/// <summary>What the conversation tells triage about the message it is reading.</summary>
public sealed record TriageContext
{
    /// <summary>The bot has just asked for a temperature reading, so a bare number is read as one.</summary>
    public bool ExpectingTemperature { get; init; }
}
