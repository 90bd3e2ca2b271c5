using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Tests.Support;

/// <summary>
/// Stands in for the Bot Framework's token issuer on loopback: its own RSA keys, an OpenID metadata document and a
/// JWKS with per-key channel endorsements, served over HTTPS (the SDK's metadata client refuses plain HTTP) with a
/// self-signed certificate, and tokens shaped as Azure Bot Service signs them for a bot.
/// </summary>
public sealed class FakeBotFrameworkIssuer : IAsyncDisposable
{
    public const string Issuer = AuthenticationConstants.ToBotFromChannelTokenIssuer;
    public const string TrustedKeyId = "marrowbot-test-key";
    public const string WebChatOnlyKeyId = "marrowbot-test-webchat-only";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private FakeBotFrameworkIssuer(WebApplication app, X509Certificate2 certificate, RSA trusted, RSA webChatOnly)
    {
        _app = app;
        _certificate = certificate;
        TrustedKey = new RsaSecurityKey(trusted) { KeyId = TrustedKeyId };
        WebChatOnlyKey = new RsaSecurityKey(webChatOnly) { KeyId = WebChatOnlyKeyId };
    }

    /// <summary>In the JWKS, endorsed for every channel the tests use.</summary>
    public RsaSecurityKey TrustedKey { get; }

    /// <summary>In the JWKS, endorsed only for "webchat".</summary>
    public RsaSecurityKey WebChatOnlyKey { get; }

    public string MetadataUrl => _app.Urls.First() + "/v1/.well-known/openidconfiguration";

    public static async Task<FakeBotFrameworkIssuer> StartAsync()
    {
        var trusted = RSA.Create(2048);
        var webChatOnly = RSA.Create(2048);
        var certificate = SelfSignedLoopbackCertificate();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        app.MapGet("/v1/.well-known/openidconfiguration", (HttpRequest request) => Results.Text(new JObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = "https://invalid.example/authorize",
            ["jwks_uri"] = $"{request.Scheme}://{request.Host}/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new JArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JArray("private_key_jwt"),
        }.ToString(), "application/json"));
        app.MapGet("/v1/.well-known/keys", () => Results.Text(new JObject
        {
            ["keys"] = new JArray(
                Jwk(trusted, TrustedKeyId, "msteams", "emulator", "directline", "webchat", "skype"),
                Jwk(webChatOnly, WebChatOnlyKeyId, "webchat")),
        }.ToString(), "application/json"));
        await app.StartAsync();

        var issuer = new FakeBotFrameworkIssuer(app, certificate, trusted, webChatOnly);
        issuer.TrustItsCertificateInTheBotFramework();
        return issuer;
    }

    /// <summary>The settings that point Bot Framework authentication at this issuer, for an app of the given type.</summary>
    public Dictionary<string, string?> BotSettings(string appId, string appType, string? tenantId = null) => new()
    {
        ["MicrosoftAppType"] = appType,
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppPassword"] = "x",
        ["MicrosoftAppTenantId"] = tenantId ?? string.Empty,
        // The public cloud's values (AuthenticationConstants), except where the keys come from.
        ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromChannelTokenIssuer"] = Issuer,
        ["ToChannelFromBotLoginUrl"] = AuthenticationConstants.ToChannelFromBotLoginUrlTemplate,
        ["ToChannelFromBotOAuthScope"] = AuthenticationConstants.ToChannelFromBotOAuthScope,
        ["OAuthUrl"] = AuthenticationConstants.OAuthUrl,
    };

    /// <summary>A channel token as the Bot Framework Service sends it to a bot, RS256 with <paramref name="key"/> (default the trusted key).</summary>
    public string Token(string audience, string serviceUrl, SecurityKey? key = null, string issuer = Issuer, DateTime? notBefore = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now).AddSeconds(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            Subject = new ClaimsIdentity([new Claim(AuthenticationConstants.ServiceUrlClaim, serviceUrl)]),
            SigningCredentials = new SigningCredentials(key ?? TrustedKey, SecurityAlgorithms.RsaSha256),
        };
        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.WriteToken(handler.CreateJwtSecurityToken(descriptor));
    }

    /// <summary>A token with the given header and claims and no signature check possible: <paramref name="sign"/> makes the third part.</summary>
    public static string Handmade(JObject header, JObject payload, Func<byte[], byte[]> sign)
    {
        var signingInput = Base64UrlEncoder.Encode(header.ToString(Newtonsoft.Json.Formatting.None)) + "." + Base64UrlEncoder.Encode(payload.ToString(Newtonsoft.Json.Formatting.None));
        var signature = sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + (signature.Length == 0 ? string.Empty : Base64UrlEncoder.Encode(signature));
    }

    /// <summary>The claims <see cref="Token"/> would carry, for hand-made tokens.</summary>
    public static JObject Claims(string audience, string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow;
        return new JObject
        {
            ["iss"] = Issuer,
            ["aud"] = audience,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(30).ToUnixTimeSeconds(),
        };
    }

    /// <summary>The trusted key's public part as PEM text: what an attacker would use as an HMAC secret.</summary>
    public byte[] TrustedPublicKeyPem() => Encoding.ASCII.GetBytes(TrustedKey.Rsa.ExportSubjectPublicKeyInfoPem());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    // The SDK fetches metadata with one static HttpClient that trusts only the machine's certificate authorities, and
    // keeps one metadata and endorsement cache per metadata URL for the process. Building a JwtTokenExtractor for this
    // issuer's (unique, random-port) URL first, with a client that trusts exactly this certificate, makes those caches
    // fetch over that client; everything else (fetching, key choice, signature, lifetime, audience, issuer and
    // endorsement checks) is the SDK's own code path, unchanged.
    private void TrustItsCertificateInTheBotFramework()
    {
        var thumbprint = _certificate.Thumbprint;
#pragma warning disable CA2000 // Lives as long as the SDK's static cache, i.e. the test process.
        var client = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == thumbprint,
        });
#pragma warning restore CA2000
        _ = new JwtTokenExtractor(client, new TokenValidationParameters(), MetadataUrl, AuthenticationConstants.AllowedSigningAlgorithms);
    }

    private static JObject Jwk(RSA rsa, string keyId, params string[] endorsements)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new JObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = keyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JArray(endorsements),
        };
    }

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Reloaded from PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
