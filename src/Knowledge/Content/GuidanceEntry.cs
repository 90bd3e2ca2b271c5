namespace MarrowBot.Knowledge.Content;

/// <summary>
/// What to do about a symptom, from the service's triage policy rather than the article ("What should I do if I
/// get a fever?"). The answer is a template: {careTeam}, {emergency}, {fever}, {low} and {crisis} come from settings.
/// </summary>
public sealed record GuidanceEntry(string Id, string Question, string Answer, IReadOnlyList<string> Variants);
