using System.Net;
using System.Text;
using MarrowBot.Bot.Tests.Support;

namespace MarrowBot.Bot.Tests.Edge;

/// <summary>
/// Security headers through the real host: the page carries a strict Content-Security-Policy (no inline or eval
/// script, inline styles only with the page's nonce, no framing, connections to this origin only), and every response, errors and 429s included, carries
/// nosniff, a referrer policy and no framing. HSTS is sent over HTTPS outside Development only.
/// </summary>
public sealed class SecurityHeadersTests(SharedHost shared) : IClassFixture<SharedHost>
{
    public static TheoryData<string, string> Responses => new()
    {
        { "GET", "/" },
        { "GET", "/app.js" },
        { "GET", "/site.css" },
        { "GET", "/lib/webchat.js" },
        { "GET", "/healthz" },
        { "GET", "/no-such-page" },
        { "POST", "/api/webchat/token" },
        { "POST", "/api/messages" },
        { "POST", "/v3/directline/tokens/generate" },
        { "GET", "/v3/directline/conversations/unknown/activities" },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EveryResponseCarriesNosniffAReferrerPolicyAndNoFraming(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await shared.Host.Client.SendAsync(request);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageHasAStrictContentSecurityPolicy()
    {
        using var response = await shared.Host.Client.GetAsync("/");

        var policy = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal("'none'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'none'", policy["base-uri"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        var host = shared.Host.Client.BaseAddress!.Authority;
        Assert.Equal($"'self' ws://{host} wss://{host}", policy["connect-src"]);
        Assert.DoesNotContain(policy, d => d.Value.Contains("unsafe-", StringComparison.Ordinal));
        Assert.DoesNotContain("*", policy.Values);
    }

    [Fact]
    public async Task ThePageAllowsOnlyItsOwnStylesheetAndStylesCarryingAFreshNonce()
    {
        using var first = await shared.Host.Client.GetAsync("/");
        using var second = await shared.Host.Client.GetAsync("/");

        var styles = Directives(Header(first, "Content-Security-Policy"))["style-src"];
        var nonce = System.Text.RegularExpressions.Regex.Match(styles, "^'self' 'nonce-([A-Za-z0-9+/=]{24})'$").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<meta name=\"csp-nonce\" content=\"{nonce}\">", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(styles, Directives(Header(second, "Content-Security-Policy"))["style-src"]);
    }

    [Fact]
    public async Task AnApiResponseHasAPolicyThatAllowsNothing()
    {
        using var response = await shared.Host.Client.GetAsync("/healthz");

        Assert.StartsWith("default-src 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageHasNoInlineScriptOrStyleForThePolicyToBlock()
    {
        var html = await shared.Host.Client.GetStringAsync("/");

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("\\son[a-z]+\\s*=", html);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithAnAzureDirectLineSecretThePageMayConnectToAzure()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:Secret"] = "not-a-real-secret" });

        using var response = await host.Client.GetAsync("/");

        var connect = Directives(Header(response, "Content-Security-Policy"))["connect-src"];
        Assert.Contains("https://directline.botframework.com", connect, StringComparison.Ordinal);
        Assert.Contains("wss://directline.botframework.com", connect, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HstsIsSentOverHttpsFromATrustedProxyOutsideDevelopment()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Network:KnownProxies:0"] = "127.0.0.1" });

        using var response = await SendOverProxiedHttpsAsync(host);

        var hsts = Header(response, "Strict-Transport-Security");
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HstsIsNotSentInDevelopment()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Network:KnownProxies:0"] = "127.0.0.1" }, environment: "Development");

        using var response = await SendOverProxiedHttpsAsync(host);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task HstsIsNotSentOverPlainHttp()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "marrowbot.example";

        using var response = await shared.Host.Client.SendAsync(request);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>What a TLS-terminating proxy sends on: the public host name and X-Forwarded-Proto https.</summary>
    private static Task<HttpResponseMessage> SendOverProxiedHttpsAsync(BotHost host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "marrowbot.example";
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        return host.Client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri?.AbsolutePath} has no {name} header");

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty);
}
