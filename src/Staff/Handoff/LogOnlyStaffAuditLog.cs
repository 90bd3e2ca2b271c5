using MarrowBot.Staff.Audit;
using Microsoft.Extensions.Logging;

namespace MarrowBot.Staff.Handoff;

/// <summary>
/// The audit log a host gets when no store for it is registered (the staff sign-in work registers the real one):
/// each entry is a log line (who, what, to what; never text, which entries do not hold), and nothing is listed.
/// Registered with TryAdd, so any real audit log replaces it.
/// </summary>
public sealed partial class LogOnlyStaffAuditLog(ILogger<LogOnlyStaffAuditLog> logger) : IStaffAuditLog
{
    /// <inheritdoc/>
    public Task RecordAsync(StaffAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        LogEntry(logger, entry.Actor, entry.Action, entry.Target, entry.Detail);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<StaffAuditEntry>> ListAsync(int limit, DateTimeOffset? before, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StaffAuditEntry>>([]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff audit: {Actor} {Action} {Target} {Detail}")]
    private static partial void LogEntry(ILogger logger, string actor, string action, string? target, string? detail);
}
