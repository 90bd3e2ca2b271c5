using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }

    /// <summary>Maps the console's pages under /staff and its API under /staff/api.</summary>
    public static IEndpointRouteBuilder MapStaffConsole(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        Handoff.HandoffEndpoints.MapHandoff(endpoints);
        return endpoints;
    }
}
