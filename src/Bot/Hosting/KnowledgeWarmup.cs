using System.Runtime;
using MarrowBot.Knowledge.Answering;
using MarrowBot.Knowledge.Improvement;
using MarrowBot.Knowledge.Triage;
using MarrowBot.Knowledge.Understanding;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Hosting;

/// <summary>
/// Loads the content, the intent model and (unless Embeddings:Provider is None) the sentence encoder and the
/// content's vectors before the host serves, so that a content fault or a missing or broken model stops start-up
/// with a message naming the file and the setting, and the first patient message does not pay for training,
/// loading or encoding.
/// </summary>
public sealed partial class KnowledgeWarmup(IServiceProvider services, Readiness readiness, IOptions<SafetyOptions> contacts, Channels.DirectLine.DirectLineTokens tokens, ILogger<KnowledgeWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        _ = services.GetRequiredService<Responder>();

        // The snapshot turns read (ADR 0029); an overlay that could not be read is logged now, not at the first turn.
        _ = services.GetRequiredService<LiveKnowledge>();
        if (services.GetService<MeaningIndex>() is { } meaning)
        {
            LogMeaning(logger, meaning.ModelId, meaning.Exemplars.Count);
        }

        // Triage too: with embeddings on, its exemplar vectors load (or are computed) now, not on the first message.
        _ = services.GetRequiredService<ITriageEngine>();

        // Loading leaves garbage behind that the server collector would keep for a long time: the model read out of
        // its assembly (about 90 MB on the large object heap, copied by ONNX Runtime), the training data and the
        // vector files. One full, compacting collection now, before any patient waits on it, gives that memory back
        // to the operating system: about 100 MB less resident for the life of the process (docs/benchmarks.md).
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ModelAssemblyPages.Release();
        WarnAboutUnsetContacts(contacts.Value);
        if (tokens.UsesRandomKey)
        {
            LogUnset(logger, "DirectLine:TokenSigningKey", "a random key for this process: web chat tokens end with a restart and are not shared between instances");
        }

        readiness.MarkReady();
        LogReady(logger, started.ElapsedMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WarnAboutUnsetContacts(SafetyOptions value)
    {
        if (string.IsNullOrWhiteSpace(value.EmergencyNumber))
        {
            LogUnset(logger, "Safety:EmergencyNumber", SafetyOptions.GenericEmergency);
        }

        if (string.IsNullOrWhiteSpace(value.CareTeamLineNumber))
        {
            LogUnset(logger, "Safety:CareTeamLineNumber", SafetyOptions.GenericCareTeam);
        }

        if (value.CrisisLines.Count == 0)
        {
            LogUnset(logger, "Safety:CrisisLines", SafetyOptions.GenericCrisis);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sentence embeddings {ModelId} ready over {Phrasings} phrasings and the passages")]
    private static partial void LogMeaning(ILogger logger, string modelId, int phrasings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge and intent model ready in {ElapsedMs} ms")]
    private static partial void LogReady(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is not set; replies will say \"{Fallback}\". Set it in appsettings.json for this deployment.")]
    private static partial void LogUnset(ILogger logger, string setting, string fallback);
}
