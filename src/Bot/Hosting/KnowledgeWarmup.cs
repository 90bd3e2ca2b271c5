using MarrowBot.Knowledge.Answering;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Hosting;

/// <summary>
/// Loads the content and the intent model before the host serves, so that a content fault stops start-up with a
/// message naming the file, the entry and the fault, and the first patient message does not pay for training.
/// </summary>
public sealed partial class KnowledgeWarmup(IServiceProvider services, Readiness readiness, IOptions<SafetyOptions> contacts, Channels.DirectLine.DirectLineTokens tokens, ILogger<KnowledgeWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        _ = services.GetRequiredService<Responder>();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge and intent model ready in {ElapsedMs} ms")]
    private static partial void LogReady(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is not set; replies will say \"{Fallback}\". Set it in appsettings.json for this deployment.")]
    private static partial void LogUnset(ILogger logger, string setting, string fallback);
}
