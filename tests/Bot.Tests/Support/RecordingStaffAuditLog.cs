using System.Collections.Concurrent;
using MarrowBot.Staff.Audit;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>A test double of the staff audit log (its store comes with the authentication work): keeps entries in memory.</summary>
public sealed class RecordingStaffAuditLog : IStaffAuditLog
{
    private readonly ConcurrentQueue<StaffAuditEntry> _entries = new();

    public IReadOnlyList<StaffAuditEntry> Entries => [.. _entries];

    public Task RecordAsync(StaffAuditEntry entry, CancellationToken cancellationToken)
    {
        _entries.Enqueue(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StaffAuditEntry>> ListAsync(int limit, DateTimeOffset? before, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StaffAuditEntry>>([.. _entries.Reverse().Where(e => before is null || e.At < before).Take(limit)]);
}
