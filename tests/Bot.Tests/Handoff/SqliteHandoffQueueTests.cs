using MarrowBot.Bot.Tests.Storage;

namespace MarrowBot.Bot.Tests.Handoff;

/// <summary>The hand-off queue on a temporary SQLite file.</summary>
public sealed class SqliteHandoffQueueTests(SqliteStoreFixture fixture) : HandoffQueueContractTests(fixture), IClassFixture<SqliteStoreFixture>;
