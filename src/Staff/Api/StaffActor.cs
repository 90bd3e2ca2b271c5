using System.Security.Claims;
using MarrowBot.Staff.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Staff.Api;

/// <summary>Who is acting (the signed-in name) and how what they did is recorded in the audit log.</summary>
public static class StaffActor
{
    public static string Name(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "unknown";

    public static Task AuditAsync(HttpContext context, string action, string? target, string? detail)
    {
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return services.GetRequiredService<IStaffAuditLog>().RecordAsync(new StaffAuditEntry(now, Name(context.User), action, target, detail), context.RequestAborted);
    }

    /// <summary>An audit target for a conversation: its channel and id (ids, never text).</summary>
    public static string Target(Conversations.ConversationKey key) => $"{key.ChannelId}/{key.ConversationId}";
}
