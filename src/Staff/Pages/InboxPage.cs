using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Pages;

/// <summary>The console's landing page at GET /staff. A placeholder until the inbox (issue 11) replaces it.</summary>
public static class InboxPage
{
    public static IResult Render(HttpContext context) =>
        StaffPages.Page(context, "Inbox", "<p class=\"staff-note\">Conversations that need a person will be listed here.</p>");
}
