namespace MarrowBot.Knowledge.Content;

/// <summary>A short restatement, in the project's own words, of part of one section of the source document.</summary>
public sealed record Passage(string Id, string Section, string Title, string Text);
