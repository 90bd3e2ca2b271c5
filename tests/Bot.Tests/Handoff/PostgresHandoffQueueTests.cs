using MarrowBot.Bot.Tests.Storage;

namespace MarrowBot.Bot.Tests.Handoff;

/// <summary>The hand-off queue on a fresh schema of a real PostgreSQL server.</summary>
public sealed class PostgresHandoffQueueTests(PostgresStoreFixture fixture) : HandoffQueueContractTests(fixture), IClassFixture<PostgresStoreFixture>;
