using MarrowBot.Bot.Channels.DirectLine;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// What stands between the network and the endpoints: the client's address from trusted proxies only, security
/// headers, HSTS outside Development, a rate limit per client address, and bounded request bodies
/// (docs/decisions/0011-edge-protection.md).
/// </summary>
public static class EdgeProtectionExtensions
{
    public static IServiceCollection AddEdgeProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RequestLimitOptions>().Bind(configuration.GetSection(RequestLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ContentSecurityPolicy>();
        services.AddSingleton<RateLimitRejections>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) =>
        {
            // The framework trusts loopback by default and everyone when both lists are empty: start from nothing.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardedHeaders = network.Value.TrustsAnyProxy ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;

            // Walk X-Forwarded-For from the right while each hop is a trusted proxy, and stop at the first that is not.
            forwarded.ForwardLimit = null;
            foreach (var proxy in network.Value.ProxyAddresses())
            {
                forwarded.KnownProxies.Add(proxy);
            }

            foreach (var range in network.Value.ProxyNetworks())
            {
                forwarded.KnownIPNetworks.Add(range);
            }
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, IOptions<DirectLineOptions>, RateLimitRejections>(
            (options, limits, directLine, rejections) => EdgeRateLimiter.Configure(options, limits.Value, directLine.Value, rejections));
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>Adds the edge middleware; call before anything that serves a response.</summary>
    public static WebApplication UseEdgeProtection(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value.TrustsAnyProxy)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRateLimiter();
        app.UseMiddleware<RequestBoundsMiddleware>();
        return app;
    }
}
