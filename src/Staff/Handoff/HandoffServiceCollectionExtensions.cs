using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Handoff;

public static class HandoffServiceCollectionExtensions
{
    /// <summary>
    /// Registers the hand-off settings (validated at start), the desk staff reply through, the antiforgery service the
    /// console's forms use, and a log-only audit log unless a real one is registered. The
    /// bot's host registers the queue (<see cref="IHandoffQueue"/>) and the sender (<see cref="IStaffReplySender"/>).
    /// </summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HandoffOptions>().Bind(configuration.GetSection(HandoffOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>();
        services.AddAntiforgery();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Audit.IStaffAuditLog, LogOnlyStaffAuditLog>();
        services.AddSingleton<HandoffDesk>();
        return services;
    }
}
