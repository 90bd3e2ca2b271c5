namespace MarrowBot.Staff.Pages;

/// <summary>Where to go after signing in: a console path on this site, or the console's home; never another site.</summary>
public static class ReturnUrl
{
    public const string Home = "/staff";

    public static string LocalOrHome(string? url)
    {
        // "//host" and "/\host" are other sites to a browser; only plain paths under /staff are kept.
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal) || url.Contains('\\', StringComparison.Ordinal)
            || url.Any(char.IsControl))
        {
            return Home;
        }

        var path = url.Split('?', '#')[0];
        return path.Equals(Home, StringComparison.Ordinal) || path.StartsWith(Home + "/", StringComparison.Ordinal) ? url : Home;
    }
}
