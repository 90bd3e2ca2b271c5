using Microsoft.Extensions.Logging;

namespace MarrowBot.Knowledge.Triage;

/// <summary>
/// Wraps the triage engine so that its failure can never silence the safety path: an exception becomes a result
/// flagged <see cref="TriageResult.EngineFailed"/>, whose reply still carries the emergency line.
/// </summary>
public sealed partial class SafeTriageEngine(ITriageEngine inner, ILogger<SafeTriageEngine> logger) : ITriageEngine
{
    /// <summary>The category reported when triage could not run.</summary>
    public const string UnavailableCategory = "triage-unavailable";

    /// <inheritdoc/>
    public TriageResult Assess(string text, TriageContext? context = null)
    {
        try
        {
            return inner.Assess(text, context);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex.GetType().Name);
            return Failed;
        }
    }

    /// <summary>When unsure, the higher tier: a message that could not be checked is treated as urgent.</summary>
    public static TriageResult Failed { get; } = new(TriageTier.Urgent, [UnavailableCategory], []) { EngineFailed = true };

    // The exception itself is not logged: its message could quote the patient's text.
    [LoggerMessage(Level = LogLevel.Error, Message = "Triage engine failed with {ExceptionType}; replying with the safety fallback")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
