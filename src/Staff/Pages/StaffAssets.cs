using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Pages;

/// <summary>
/// The console's stylesheet (<see cref="StaffLayout.StylesheetPath"/>) and the dashboard's script
/// (<see cref="DashboardPage.ScriptPath"/>), embedded in this assembly. Neither holds any data, so neither needs a
/// sign-in (the data comes from the API, which does).
/// </summary>
public static class StaffAssets
{
    private static readonly Lazy<byte[]> Css = new(() => Read("MarrowBot.Staff.Pages.staff.css"));

    private static readonly Lazy<byte[]> DashboardJs = new(() => Read("MarrowBot.Staff.Pages.dashboard.js"));

    public static IResult Stylesheet(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(Css.Value, "text/css; charset=utf-8");
    }

    public static IResult DashboardScript(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(DashboardJs.Value, "text/javascript; charset=utf-8");
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(StaffAssets).Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
