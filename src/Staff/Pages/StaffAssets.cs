using Microsoft.AspNetCore.Http;

namespace MarrowBot.Staff.Pages;

/// <summary>The console's stylesheet, embedded in this assembly and served at <see cref="StaffLayout.StylesheetPath"/>.</summary>
public static class StaffAssets
{
    private static readonly Lazy<byte[]> Css = new(() =>
    {
        using var stream = typeof(StaffAssets).Assembly.GetManifestResourceStream("MarrowBot.Staff.Pages.staff.css")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Stylesheet(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(Css.Value, "text/css; charset=utf-8");
    }
}
