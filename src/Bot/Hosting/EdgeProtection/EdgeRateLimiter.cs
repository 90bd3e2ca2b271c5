using System.Globalization;
using System.Threading.RateLimiting;
using MarrowBot.Bot.Channels.DirectLine;
using Microsoft.AspNetCore.RateLimiting;

namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>
/// ASP.NET Core's rate limiter as one global, partitioned limiter: a fixed one-minute window per client address
/// and kind of endpoint (<see cref="EdgeRoute"/>), so a client flooding Direct Line still loads the page, and one
/// client's flood never touches another's budget. Health checks are not limited. A rejection is 429 with
/// Retry-After (the seconds until the window opens again), never 503.
/// </summary>
public static class EdgeRateLimiter
{
    public static void Configure(RateLimiterOptions options, RateLimitOptions limits, DirectLineOptions directLine, RateLimitRejections rejections)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, (EdgeRouteKind, string)>(context =>
        {
            var kind = EdgeRoute.Classify(context.Request, 0, 0).Kind;
            var perMinute = kind switch
            {
                EdgeRouteKind.Messages => limits.MessagesPerMinute,
                EdgeRouteKind.DirectLine => limits.DirectLinePerMinute,
                EdgeRouteKind.Tokens => directLine.TokensPerMinute,
                EdgeRouteKind.Pages => limits.PagesPerMinute,
                _ => 0,
            };
            return perMinute == 0
                ? RateLimitPartition.GetNoLimiter((kind, string.Empty))
                : RateLimitPartition.GetFixedWindowLimiter((kind, ClientAddress.KeyOf(context)), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });
        options.OnRejected = (rejected, cancellationToken) =>
        {
            var context = rejected.HttpContext;
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            rejections.Count(EdgeRoute.Classify(context.Request, 0, 0).Kind);
            return ValueTask.CompletedTask;
        };
    }
}
