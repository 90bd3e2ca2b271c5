using System.Net;
using MarrowBot.Staff.Accounts;
using MarrowBot.Staff.Audit;
using MarrowBot.Staff.Authentication;
using MarrowBot.Staff.Handoff;
using MarrowBot.Staff.Improve;
using MarrowBot.Staff.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using MarrowBot.Staff.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>
    /// Registers the staff console's validated settings, its sign-in (a cookie for people, API keys for programs,
    /// OpenID Connect when configured; ADR 0026) and the role policies. The host registers the stores it reads
    /// (<see cref="IStaffAccountStore"/>, <see cref="IStaffAuditLog"/>).
    /// </summary>
    public static IServiceCollection AddStaffConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffOptions>().Bind(configuration.GetSection(StaffOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StaffOptions>, StaffOptionsValidator>();
        services.AddHandoff(configuration);
        services.AddSingleton<IValidateOptions<StaffOptions>>(new StaffSecretsValidator(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StaffPasswords>();
        services.AddSingleton<StaffSignIn>();
        services.AddSingleton<StaffApiKeys>();

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffRoles.ReadPolicy, policy => policy.AddAuthenticationSchemes(StaffSchemes.Staff).RequireRole(StaffRoles.Reviewer, StaffRoles.Editor, StaffRoles.ApiReader))
            .AddPolicy(StaffRoles.ReviewPolicy, policy => policy.AddAuthenticationSchemes(StaffSchemes.Staff).RequireRole(StaffRoles.Reviewer, StaffRoles.Editor))
            .AddPolicy(StaffRoles.EditPolicy, policy => policy.AddAuthenticationSchemes(StaffSchemes.Staff).RequireRole(StaffRoles.Editor));

        // No default scheme: only the staff policies authenticate (see StaffSchemes).
        var authentication = services.AddAuthentication()
            .AddPolicyScheme(StaffSchemes.Staff, "Staff console", options => options.ForwardDefaultSelector = context =>
                StaffApiKeyHandler.TryReadBearer(context.Request.Headers.Authorization.ToString(), out _) ? StaffSchemes.ApiKey : StaffSchemes.Cookie)
            .AddCookie(StaffSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, StaffApiKeyHandler>(StaffSchemes.ApiKey, _ => { });
        services.AddSingleton<StaffCookieEvents>();
        services.AddOptions<CookieAuthenticationOptions>(StaffSchemes.Cookie).Configure<IOptions<StaffOptions>, TimeProvider>((cookie, staff, time) =>
            ConfigureCookie(cookie, staff.Value, time, ListensOnLoopbackOnly(configuration)));

        var oidc = configuration.GetSection(StaffOptions.SectionName).Get<StaffOptions>()?.Oidc ?? new StaffOidcOptions();
        if (oidc.IsEnabled)
        {
            // Registered only when configured: the handler watches its callback path on every request.
            authentication.AddOpenIdConnect(StaffSchemes.Oidc, options => ConfigureOidc(options, oidc, ListensOnLoopbackOnly(configuration)));
        }

        // Improving the bot from real questions (ADR 0029); the host registers the knowledge module and the run store.
        services.AddSingleton<OverlayEditor>();
        services.AddSingleton<ImprovementStatus>();
        services.AddSingleton(sp => new RetrainService(
            () => sp.GetRequiredService<Knowledge.Improvement.IKnowledgeRetrainer>(),
            sp.GetRequiredService<IImprovementRuns>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RetrainService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<RetrainService>());
        services.AddHostedService<OverlayWatcher>();

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "MarrowBot.Staff.Antiforgery";
            options.Cookie.Path = "/staff";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.HeaderName = "X-CSRF-TOKEN";
        });
        return services;
    }

    /// <summary>
    /// Maps the console's pages under /staff and its API under /staff/api, with authentication, authorization and
    /// anti-forgery in the pipeline. Off (<see cref="StaffOptions.Enabled"/> false), nothing is mapped and every
    /// /staff route answers 404.
    /// </summary>
    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        if (!app.Services.GetRequiredService<IOptions<StaffOptions>>().Value.Enabled)
        {
            return app;
        }

        // Every POST under /staff, a page's form or the JSON API, needs the anti-forgery token (a form's hidden field,
        // or the X-CSRF-TOKEN header): one group, so that no route can forget it. The routes below name their full
        // paths, so the group adds no prefix.
        var guarded = app.MapGroup(string.Empty).WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(StaffAntiforgery.RefuseInvalidAsync);
        var staff = guarded.MapGroup("/staff");
        staff.MapGet("/assets/staff.css", StaffAssets.Stylesheet).AllowAnonymous();
        staff.MapGet("/assets/dashboard.js", StaffAssets.DashboardScript).AllowAnonymous();
        staff.MapGet("/sign-in", SignInPage.Show).AllowAnonymous();
        staff.MapPost("/sign-in", SignInPage.SubmitAsync).AllowAnonymous();
        staff.MapGet("/sign-in/organisation", SignInPage.Organisation).AllowAnonymous();
        staff.MapPost("/sign-out", SignInPage.SignOutAsync).RequireAuthorization(StaffRoles.ReviewPolicy);

        guarded.MapHandoff();

        // The inbox and transcripts.
        StaffApiEndpoints.Map(guarded);
        guarded.MapGet("/staff", InboxPage.RenderAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
        guarded.MapGet(DashboardPage.Path, DashboardPage.RenderAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
        guarded.MapGet("/staff/conversations/{key}", TranscriptPage.RenderAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
        guarded.MapGet(AuditPage.Path, AuditPage.RenderAsync).RequireAuthorization(StaffRoles.EditPolicy);
        guarded.MapPost("/staff/conversations/{key}/acknowledge", (string key, HttpContext context, Conversations.IStaffConversations store, TimeProvider clock, CancellationToken ct) =>
            TranscriptPage.MarkAsync(key, context, store, clock, acknowledge: true, ct)).RequireAuthorization(StaffRoles.ReviewPolicy);
        guarded.MapPost("/staff/conversations/{key}/reviewed", (string key, HttpContext context, Conversations.IStaffConversations store, TimeProvider clock, CancellationToken ct) =>
            TranscriptPage.MarkAsync(key, context, store, clock, acknowledge: false, ct)).RequireAuthorization(StaffRoles.ReviewPolicy);
        guarded.MapPost("/staff/conversations/{key}/turns/{activity}/labels", TranscriptPage.LabelAsync).RequireAuthorization(StaffRoles.ReviewPolicy);

        ImprovementEndpoints.Map(guarded);

        var api = staff.MapGroup("/api");
        api.MapGet("/me", StaffMe.Get).RequireAuthorization(StaffRoles.ReadPolicy);
        api.MapGet("/audit", StaffAuditApi.ListAsync).RequireAuthorization(StaffRoles.EditPolicy);
        return app;
    }

    internal static void ConfigureCookie(CookieAuthenticationOptions cookie, StaffOptions staff, TimeProvider time, bool loopbackOnly)
    {
        cookie.Cookie.Name = "MarrowBot.Staff";
        cookie.Cookie.Path = "/staff";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;

        // Plain http only where nothing but this machine can reach the host.
        cookie.Cookie.SecurePolicy = loopbackOnly ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        cookie.ExpireTimeSpan = staff.IdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = SignInPage.Path;
        cookie.LogoutPath = "/staff/sign-out";
        cookie.AccessDeniedPath = SignInPage.Path;
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.EventsType = typeof(StaffCookieEvents);
        cookie.TimeProvider = time;
    }

    internal static void ConfigureOidc(OpenIdConnectOptions options, StaffOidcOptions oidc, bool loopbackOnly)
    {
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.RequireHttpsMetadata = !oidc.AllowHttpAuthority;
        options.ResponseType = "code";

        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be
        // SameSite=Lax (a cross-site form post would need SameSite=None, which browsers refuse on plain http).
        options.ResponseMode = "query";
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = loopbackOnly ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        }

        options.UsePkce = true;
        options.CallbackPath = "/staff/signin-oidc";
        options.SignedOutCallbackPath = "/staff/signout-callback-oidc";
        options.SignInScheme = StaffSchemes.Cookie;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.Scope.Add("email");
        options.Events = new StaffOidcEvents(oidc);
    }

    /// <summary>Whether every address in Urls (the host's own setting, <c>--urls</c> or ASPNETCORE_URLS) is loopback; Kestrel's default is.</summary>
    internal static bool ListensOnLoopbackOnly(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
        {
            return true;
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = BindingAddress.Parse(url).Host;
            if (!string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) && !(IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
            {
                return false;
            }
        }

        return true;
    }
}
