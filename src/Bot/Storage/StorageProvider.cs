namespace MarrowBot.Bot.Storage;

/// <summary>Where conversation state and transcripts are kept.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file beside the bot: the default, for a single instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by several instances of the bot.</summary>
    Postgres,
}
