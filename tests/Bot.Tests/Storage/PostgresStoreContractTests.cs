namespace MarrowBot.Bot.Tests.Storage;

/// <summary>The store contract on a fresh schema of a real PostgreSQL server.</summary>
public sealed class PostgresStoreContractTests(PostgresStoreFixture fixture) : StoreContractTests(fixture), IClassFixture<PostgresStoreFixture>;
