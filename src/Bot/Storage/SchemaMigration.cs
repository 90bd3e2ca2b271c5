namespace MarrowBot.Bot.Storage;

/// <summary>One schema change: its version (the order it is applied in), its name and its SQL.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql);
