using MarrowBot.Bot.Tests.Storage;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>The staff console's store on a fresh schema of a real PostgreSQL server.</summary>
public sealed class PostgresStaffConversationsTests(PostgresStoreFixture fixture) : StaffConversationsContractTests(fixture), IClassFixture<PostgresStoreFixture>;
