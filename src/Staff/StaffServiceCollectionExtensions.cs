using MarrowBot.Staff.Api;
using MarrowBot.Staff.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>Registers the staff console's validated settings and services. The host registers the stores it reads.</summary>
    public static IServiceCollection AddStaffConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffOptions>().Bind(configuration.GetSection(StaffOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffRoles.ReadPolicy, policy => policy.RequireRole(StaffRoles.Reviewer, StaffRoles.Editor, StaffRoles.ApiReader))
            .AddPolicy(StaffRoles.ReviewPolicy, policy => policy.RequireRole(StaffRoles.Reviewer, StaffRoles.Editor))
            .AddPolicy(StaffRoles.EditPolicy, policy => policy.RequireRole(StaffRoles.Editor));

        // The pages' forms and the API's changes carry an anti-forgery token (form field, or the RequestVerificationToken header).
        services.AddAntiforgery();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Maps the console's pages under /staff and its API under /staff/api (nothing when Staff:Enabled is false).</summary>
    public static IEndpointRouteBuilder MapStaffConsole(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<StaffOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        StaffApiEndpoints.Map(endpoints);
        endpoints.MapGet("/staff/staff.css", () => Results.Text(Html.Stylesheet, "text/css; charset=utf-8"));
        endpoints.MapGet("/staff", InboxPage.RenderAsync).RequireAuthorization(StaffRoles.ReadPolicy);
        endpoints.MapGet("/staff/conversations/{key}", TranscriptPage.RenderAsync).RequireAuthorization(StaffRoles.ReadPolicy);
        endpoints.MapPost("/staff/conversations/{key}/acknowledge", (string key, HttpContext context, Conversations.IStaffConversations store, TimeProvider clock, CancellationToken ct) =>
            TranscriptPage.MarkAsync(key, context, store, clock, acknowledge: true, ct)).RequireAuthorization(StaffRoles.ReviewPolicy);
        endpoints.MapPost("/staff/conversations/{key}/reviewed", (string key, HttpContext context, Conversations.IStaffConversations store, TimeProvider clock, CancellationToken ct) =>
            TranscriptPage.MarkAsync(key, context, store, clock, acknowledge: false, ct)).RequireAuthorization(StaffRoles.ReviewPolicy);
        endpoints.MapPost("/staff/conversations/{key}/turns/{activity}/labels", TranscriptPage.LabelAsync).RequireAuthorization(StaffRoles.ReviewPolicy);
        return endpoints;
    }
}
