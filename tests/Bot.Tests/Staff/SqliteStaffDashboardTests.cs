using MarrowBot.Bot.Tests.Storage;

namespace MarrowBot.Bot.Tests.Staff;

public sealed class SqliteStaffDashboardTests(SqliteStoreFixture fixture) : StaffDashboardContractTests(fixture), IClassFixture<SqliteStoreFixture>;
