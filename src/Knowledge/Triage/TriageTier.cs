namespace MarrowBot.Knowledge.Triage;

/// <summary>How soon the person should get help, lowest first (shared/guides/triage-policy.md).</summary>
public enum TriageTier
{
    None,
    Routine,
    Urgent,
    Emergency,
}
