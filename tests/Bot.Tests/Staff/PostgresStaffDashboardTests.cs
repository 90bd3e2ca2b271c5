using MarrowBot.Bot.Tests.Storage;

namespace MarrowBot.Bot.Tests.Staff;

public sealed class PostgresStaffDashboardTests(PostgresStoreFixture fixture) : StaffDashboardContractTests(fixture), IClassFixture<PostgresStoreFixture>;
