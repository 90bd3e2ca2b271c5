using MarrowBot.Bot.Tests.Storage;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>The staff console's store on a temporary SQLite file.</summary>
public sealed class SqliteStaffConversationsTests(SqliteStoreFixture fixture) : StaffConversationsContractTests(fixture), IClassFixture<SqliteStoreFixture>;
