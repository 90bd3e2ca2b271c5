using MarrowBot.Bot.Hosting;
using MarrowBot.Bot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Transcripts.Journal;

public static class TranscriptJournalServiceCollectionExtensions
{
    /// <summary>How the default journal's name ends: "marrowbot.db" journals to "marrowbot.transcripts.journal" beside it.</summary>
    public const string DefaultSuffix = ".transcripts.journal";

    /// <summary>
    /// Registers the transcript journal (its settings validated at start), the escalation recorder, the count of turns
    /// in progress and the store probe. Called by AddStorage after the transcript writer, so that a stopping host
    /// lets turns finish before the writer's last flush (hosted services stop in reverse order).
    /// </summary>
    public static IServiceCollection AddTranscriptJournal(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<TranscriptJournalOptions>().Bind(configuration.GetSection(TranscriptJournalOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new TranscriptJournal(
            PathOf(contentRoot, sp.GetRequiredService<StorageLocation>().Resolve(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqlitePath), sp.GetRequiredService<IOptions<TranscriptJournalOptions>>().Value),
            sp.GetRequiredService<IOptions<TranscriptJournalOptions>>(),
            sp.GetRequiredService<ILogger<TranscriptJournal>>()));
        services.AddSingleton<Observability.IJournalDepth>(sp => sp.GetRequiredService<TranscriptJournal>());
        services.AddSingleton<EscalationRecorder>();
        services.AddSingleton<StoreProbe>();
        services.AddSingleton<InFlightTurns>();
        services.AddHostedService(sp => sp.GetRequiredService<InFlightTurns>());
        return services;
    }

    /// <summary>
    /// The journal's full path: the setting, relative to the content root, or the default beside the SQLite file and
    /// named after it (the store's own default file when none is set), so two bots whose databases share a folder
    /// never contend for one journal (each is opened exclusively).
    /// </summary>
    public static string PathOf(string contentRoot, string? sqliteFile, TranscriptJournalOptions journal)
    {
        var database = sqliteFile ?? Path.Combine(contentRoot, "data-store", "marrowbot.db");
        var path = string.IsNullOrWhiteSpace(journal.JournalPath)
            ? Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + DefaultSuffix)
            : journal.JournalPath;
        return Resolve(contentRoot, path);
    }

    private static string Resolve(string contentRoot, string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));
}
