using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarrowBot.Staff.Handoff;

public static class HandoffServiceCollectionExtensions
{
    /// <summary>
    /// Registers the hand-off settings (validated at start), and the desk staff reply through; called by
    /// <see cref="StaffServiceCollectionExtensions.AddStaffConsole"/>. The bot's host registers the audit log, the queue (<see cref="IHandoffQueue"/>) and the sender (<see cref="IStaffReplySender"/>).
    /// </summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HandoffOptions>().Bind(configuration.GetSection(HandoffOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HandoffDesk>();
        return services;
    }
}
