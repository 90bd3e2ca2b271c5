using MarrowBot.Knowledge;
using MarrowBot.Knowledge.Content;
using MarrowBot.Bot.Storage.Postgres;
using MarrowBot.Bot.Storage.Sqlite;
using MarrowBot.Bot.Transcripts;
using MarrowBot.Bot.Transcripts.Journal;
using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Handoff;
using MarrowBot.Staff.Improve;
using MarrowBot.Staff.Conversations;
using MarrowBot.Staff.Dashboard;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The Data Protection application name every instance shares.</summary>
    public const string DataProtectionApplicationName = "MarrowBot";

    /// <summary>
    /// Registers the durable store chosen by "Storage:Provider" (SQLite by default, PostgreSQL for several
    /// instances): Bot Builder's <see cref="IStorage"/> for conversation state (which ConversationState reads through
    /// <see cref="RecentStateStorage"/>, a short in-process memory for outages), the <see cref="ITranscriptStore"/>
    /// and <see cref="ITranscriptQueries"/>, the hand-off queue (<see cref="IHandoffQueue"/>), schema migrations at start, and transcript recording through a bounded
    /// buffer that a background writer empties. Activities pass <see cref="RedactingTranscriptFilter"/> (personal data
    /// replaced, forgotten conversations withheld) before they are queued; retention and "forget me" delete what is
    /// stored. The staff console's accounts and audit log live in the same store, and so does the Data Protection
    /// key ring that signs its cookies and anti-forgery tokens (<see cref="StoreKeyRing"/>, ADR 0032).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton(sp => StorageLocation.ForHost(sp.GetRequiredService<IHostEnvironment>().EnvironmentName, contentRoot));
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageLocationValidator>();

        // The editors' overlay (ADR 0029) lives in the store (knowledge_overlay); this file, beside the data store by
        // default and never under bin/ or obj/, is only imported once when the store has none.
        services.AddOptions<KnowledgeOptions>()
            .PostConfigure<StorageLocation, IOptions<StorageOptions>>((knowledge, location, storage) =>
                knowledge.OverlayPath = string.IsNullOrWhiteSpace(knowledge.OverlayPath)
                    ? location.Resolve(storage.Value.SqlitePath) is { } database ? Path.Combine(Path.GetDirectoryName(database)!, OverlayFile.DefaultFileName) : null
                    : Path.GetFullPath(Path.IsPathRooted(knowledge.OverlayPath) ? knowledge.OverlayPath : Path.Combine(contentRoot, knowledge.OverlayPath)))
            .Validate(knowledge => knowledge.OverlayPath is null || !StorageLocation.IsInBuildOutput(knowledge.OverlayPath),
                "Knowledge:OverlayPath is inside a bin or obj folder, which a clean or rebuild replaces; put the overlay beside the data store.");

        // Both providers are registered; only the configured one is ever built.
        services.AddSingleton(sp => new SqliteDatabase(
            sp.GetRequiredService<StorageLocation>().Resolve(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqlitePath)!,
            sp.GetRequiredService<IOptions<StorageOptions>>(),
            sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.PostgresConnectionString!,
            sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new RecentStates(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new RecentStateStorage(sp.GetRequiredService<IStorage>(), sp.GetRequiredService<RecentStates>(), sp.GetRequiredService<ILogger<RecentStateStorage>>()));
        services.AddSingleton<SqliteStorage>();
        services.AddSingleton<PostgresStorage>();
        services.AddSingleton<SqliteTranscriptStore>();
        services.AddSingleton<PostgresTranscriptStore>();
        services.AddSingleton<SqliteHandoffQueue>();
        services.AddSingleton<PostgresHandoffQueue>();
        services.AddSingleton<SqliteStaffStore>();
        services.AddSingleton<PostgresStaffStore>();
        services.AddSingleton<SqliteStaffConversations>();
        services.AddSingleton<SqliteImprovementRuns>();
        services.AddSingleton<PostgresImprovementRuns>();
        services.AddSingleton<SqliteOverlayStore>();
        services.AddSingleton<PostgresOverlayStore>();
        services.AddSingleton<PostgresStaffConversations>();
        services.AddSingleton<SqliteStaffDashboard>();
        services.AddSingleton<PostgresStaffDashboard>();

        services.AddSingleton<IStorageDatabase>(sp => ByProvider<IStorageDatabase, SqliteDatabase, PostgresDatabase>(sp));
        services.AddSingleton<IStorage>(sp => ByProvider<IStorage, SqliteStorage, PostgresStorage>(sp));
        services.AddSingleton<ITranscriptStore>(sp => ByProvider<ITranscriptStore, SqliteTranscriptStore, PostgresTranscriptStore>(sp));
        services.AddSingleton<ITranscriptQueries>(sp => ByProvider<ITranscriptQueries, SqliteTranscriptStore, PostgresTranscriptStore>(sp));
        services.AddSingleton<ITranscriptRetention>(sp => ByProvider<ITranscriptRetention, SqliteTranscriptStore, PostgresTranscriptStore>(sp));
        services.AddSingleton<IHandoffQueue>(sp => ByProvider<IHandoffQueue, SqliteHandoffQueue, PostgresHandoffQueue>(sp));
        services.AddSingleton<IStaffAccountStore>(sp => ByProvider<IStaffAccountStore, SqliteStaffStore, PostgresStaffStore>(sp));
        services.AddSingleton<IStaffAuditLog>(sp => ByProvider<IStaffAuditLog, SqliteStaffStore, PostgresStaffStore>(sp));
        services.AddSingleton<IStaffConversations>(sp => ByProvider<IStaffConversations, SqliteStaffConversations, PostgresStaffConversations>(sp));
        services.AddSingleton<IStaffDashboard>(sp => ByProvider<IStaffDashboard, SqliteStaffDashboard, PostgresStaffDashboard>(sp));
        services.AddSingleton<IImprovementRuns>(sp => ByProvider<IImprovementRuns, SqliteImprovementRuns, PostgresImprovementRuns>(sp));
        services.AddSingleton<Knowledge.Improvement.IOverlayStore>(sp => ByProvider<Knowledge.Improvement.IOverlayStore, SqliteOverlayStore, PostgresOverlayStore>(sp));
        AddKeyRing(services);
        services.AddSingleton<TranscriptRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<TranscriptRetentionService>());
        services.AddHostedService<StorageStartup>();

        services.AddSingleton<ForgottenConversations>();
        services.AddSingleton<ConversationEraser>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITranscriptFilter, RedactingTranscriptFilter>());
        services.AddSingleton<TranscriptQueue>();
        services.AddSingleton<BufferedTranscriptLogger>();
        services.AddSingleton<TranscriptRolesMiddleware>();
        services.AddSingleton<TranscriptRecording>();
        services.AddSingleton<TranscriptWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<TranscriptWriter>());
        services.AddTranscriptJournal(configuration, contentRoot);
        return services;
    }

    /// <summary>
    /// Data Protection with its key ring in the store and one application name, so that instances installed in
    /// different folders (the default name is the content root) read each other's cookies.
    /// </summary>
    private static void AddKeyRing(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres
            ? StoreKeyRing.In(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<TimeProvider>())
            : StoreKeyRing.In(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = sp.GetRequiredService<StoreKeyRing>()));
    }

    private static TService ByProvider<TService, TSqlite, TPostgres>(IServiceProvider services)
        where TSqlite : TService
        where TPostgres : TService
        where TService : notnull =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres
            ? services.GetRequiredService<TPostgres>()
            : services.GetRequiredService<TSqlite>();
}
