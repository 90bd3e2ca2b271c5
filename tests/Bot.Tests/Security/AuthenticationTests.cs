using System.Net;
using System.Security.Cryptography;
using MarrowBot.Bot.Tests.Support;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Linq;
using static MarrowBot.Bot.Tests.Security.ChannelRequests;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Security;

/// <summary>
/// Bot Framework authentication on /api/messages through the real host, against a loopback issuer with its own RSA
/// keys and OpenID metadata: every kind of bad token is refused with 401, runs no turn, stores nothing and leaves
/// one warning line without the token; a good one is answered.
/// </summary>
public sealed class AuthenticationTests(AuthenticatedHost fixture) : IClassFixture<AuthenticatedHost>
{
    private const string Emergency = "my dad collapsed and is not breathing";

    /// <summary>Each kind of bad token, and the reason the warning must give (the check that refused it).</summary>
    public static TheoryData<string, string> BadTokens => new()
    {
        { "missing", "no Authorization header" },
        { "not bearer", "token issuer or scheme not accepted" },
        { "malformed", "token malformed" },
        { "unsigned", "token signature not valid" },
        { "tampered signature", "token signature not valid" },
        { "untrusted key with the trusted key id", "token signature not valid" },
        { "untrusted key with an unknown key id", "token signed by an unknown key" },
        { "HS256 with the public key as secret", "token signature not valid" },
        { "expired", "token expired" },
        { "not yet valid", "token not yet valid" },
        { "wrong audience", "token audience is not this bot" },
        { "wrong issuer", "token issuer or scheme not accepted" },
        { "unendorsed channel", "token key not endorsed for the channel" },
        { "serviceUrl not the token's", "serviceUrl not the one the token was issued for" },
    };

    private FakeBotFrameworkIssuer Issuer => fixture.Issuer;

    private BotHost Host => fixture.Host;

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadTokenGets401NoTurnNothingStoredAndOneWarningWithoutTheToken(string kind, string reason)
    {
        var conversation = NewConversation();
        var authorization = AuthorizationFor(kind);
        var before = Host.Logs.Lines.Count;

        using var response = await PostAsync(Host, TeamsMessage(Emergency, conversation), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await RepliesAsync(response));
        Assert.Equal(0, await StoredActivitiesAsync(Host, "msteams", conversation));
        var logged = Host.Logs.Lines.Skip(before).ToList();
        var warning = Assert.Single(logged, l => l.Contains("Refused a request to /api/messages with 401", StringComparison.Ordinal));
        Assert.StartsWith("Warning ", warning, StringComparison.Ordinal);
        Assert.Contains($"with 401: {reason} (", warning, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', warning.TrimEnd());
        Assert.DoesNotContain(logged, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        foreach (var part in (authorization ?? string.Empty).Split(' ', '.').Where(p => p.Length >= 8))
        {
            Assert.DoesNotContain(logged, l => l.Contains(part, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AValidTokenGetsTheEmergencyReplyFirst()
    {
        var conversation = NewConversation();

        using var response = await PostAsync(Host, TeamsMessage(Emergency, conversation), "Bearer " + Issuer.Token(AuthenticatedHost.AppId, TeamsServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await RepliesAsync(response);
        Assert.Equal("triage", Kind(replies[0]));
        Assert.Equal("emergency", (string)Outcome(replies[0])["triage"]!);
        Assert.True(await StoredActivitiesAsync(Host, "msteams", conversation) >= 2);
    }

    [Fact]
    public async Task AValidTokenFromTheIssuerWorksForTheChannelItsKeyIsEndorsedFor()
    {
        var conversation = NewConversation();
        var activity = TeamsMessage(Emergency, conversation);
        activity["channelId"] = "webchat";

        using var response = await PostAsync(Host, activity, "Bearer " + Issuer.Token(AuthenticatedHost.AppId, TeamsServiceUrl, Issuer.WebChatOnlyKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("emergency", (string)Outcome((await RepliesAsync(response))[0])["triage"]!);
    }

    private string? AuthorizationFor(string kind)
    {
        var appId = AuthenticatedHost.AppId;
        var now = DateTime.UtcNow;
        return kind switch
        {
            "missing" => null,
            "not bearer" => "Basic " + Convert.ToBase64String("marrowbot:x"u8),
            "malformed" => "Bearer garbage",
            "unsigned" => "Bearer " + FakeBotFrameworkIssuer.Handmade(
                new JObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = FakeBotFrameworkIssuer.TrustedKeyId },
                FakeBotFrameworkIssuer.Claims(appId, TeamsServiceUrl),
                _ => []),
            "tampered signature" => "Bearer " + Tampered(Issuer.Token(appId, TeamsServiceUrl)),
            "untrusted key with the trusted key id" => "Bearer " + Issuer.Token(appId, TeamsServiceUrl, new RsaSecurityKey(RSA.Create(2048)) { KeyId = FakeBotFrameworkIssuer.TrustedKeyId }),
            "untrusted key with an unknown key id" => "Bearer " + Issuer.Token(appId, TeamsServiceUrl, new RsaSecurityKey(RSA.Create(2048)) { KeyId = "attacker-key" }),
            "HS256 with the public key as secret" => "Bearer " + FakeBotFrameworkIssuer.Handmade(
                new JObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = FakeBotFrameworkIssuer.TrustedKeyId },
                FakeBotFrameworkIssuer.Claims(appId, TeamsServiceUrl),
                input => HMACSHA256.HashData(Issuer.TrustedPublicKeyPem(), input)),
            "expired" => "Bearer " + Issuer.Token(appId, TeamsServiceUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-10)),
            "not yet valid" => "Bearer " + Issuer.Token(appId, TeamsServiceUrl, notBefore: now.AddMinutes(10), expires: now.AddMinutes(40)),
            "wrong audience" => "Bearer " + Issuer.Token("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", TeamsServiceUrl),
            "wrong issuer" => "Bearer " + Issuer.Token(appId, TeamsServiceUrl, issuer: "https://issuer.invalid/"),
            "unendorsed channel" => "Bearer " + Issuer.Token(appId, TeamsServiceUrl, Issuer.WebChatOnlyKey),
            "serviceUrl not the token's" => "Bearer " + Issuer.Token(appId, "https://smba.trafficmanager.net/amer/"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    // The payload is rewritten (an hour more of life) and the original signature kept.
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JObject.Parse(Base64UrlEncoder.Decode(parts[1]));
        payload["exp"] = (long)payload["exp"]! + 3600;
        return parts[0] + "." + Base64UrlEncoder.Encode(payload.ToString(Newtonsoft.Json.Formatting.None)) + "." + parts[2];
    }
}
