using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Audit;

/// <summary>GET /staff/api/audit?limit=&amp;before=: the audit log for editors, newest first (at most 500 a page; pass the last entry's time as before for the next).</summary>
public static class StaffAuditApi
{
    public const int MaxLimit = 500;

    public static async Task<IResult> ListAsync(IStaffAuditLog audit, int? limit, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Results.BadRequest(new { error = $"limit must be 1-{MaxLimit}" });
        }

        var entries = await audit.ListAsync(limit ?? 100, before, cancellationToken);
        return Results.Json(entries.Select(e => new { at = e.At, actor = e.Actor, action = e.Action, target = e.Target, detail = e.Detail }));
    }
}
