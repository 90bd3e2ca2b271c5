using System.Net;
using System.Text.RegularExpressions;
using MarrowBot.Bot.Tests.Support;
using MarrowBot.Staff.Accounts;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Staff;

/// <summary>
/// A browser's view of the staff console on a real host: its own cookies, redirects not followed (so tests see
/// them), forms posted with the anti-forgery token the page gave.
/// </summary>
public sealed partial class StaffClient : IDisposable
{
    public const string Password = "a long enough password";

    private readonly HttpClientHandler _handler;

    public StaffClient(BotHost host)
    {
        Cookies = new CookieContainer();
        _handler = new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false };
        Http = new HttpClient(_handler) { BaseAddress = host.Client.BaseAddress };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    /// <summary>Adds a local account straight to the host's store.</summary>
    public static async Task AddAccountAsync(BotHost host, string name, string role, string password = Password)
    {
        var now = DateTimeOffset.UtcNow;
        var hash = host.Services.GetRequiredService<StaffPasswords>().Hash(password);
        Assert.True(await host.Services.GetRequiredService<IStaffAccountStore>().AddAsync(new StaffAccount(name, role, hash, 0, null, now, now), CancellationToken.None));
    }

    /// <summary>The anti-forgery field's name and value in the page's first form.</summary>
    public static (string Field, string Token) TokenIn(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "The page has no anti-forgery input.");
        return (WebUtility.HtmlDecode(match.Groups["name"].Value), WebUtility.HtmlDecode(match.Groups["value"].Value));
    }

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opens the sign-in page and posts the form; returns the response (a redirect when it worked).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string name, string password = Password, string? returnUrl = null)
    {
        var (field, token) = TokenIn(await GetPageAsync("/staff/sign-in"));
        var form = new Dictionary<string, string> { [field] = token, ["name"] = name, ["password"] = password };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }

        return await Http.PostAsync("/staff/sign-in", new FormUrlEncodedContent(form));
    }

    /// <summary>Signs in and checks it worked.</summary>
    public async Task SignInOrFailAsync(string name, string password = Password)
    {
        using var response = await SignInAsync(name, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Posts the sign-out form of the console's home page.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var (field, token) = TokenIn(await GetPageAsync("/staff"));
        return await Http.PostAsync("/staff/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { [field] = token }));
    }

    /// <summary>GET /staff/api/me: the JSON, or null with the status when refused.</summary>
    public async Task<(HttpStatusCode Status, JObject? Me)> MeAsync()
    {
        using var response = await Http.GetAsync("/staff/api/me");
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? JObject.Parse(await response.Content.ReadAsStringAsync()) : null);
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]+)\">")]
    private static partial Regex TokenInput();
}
