using MarrowBot.Staff.Handoff;

namespace MarrowBot.Bot.Handoff;

public static class HandoffServiceCollectionExtensions
{
    /// <summary>
    /// Registers the bot's side of the hand-off (the staff side's settings and desk come with AddStaffConsole): the queue intake of the bot's turns,
    /// and the sender of staff replies through the adapter. The queue itself is registered with the store.
    /// </summary>
    public static IServiceCollection AddHandoffToStaff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<HandoffIntake>();
        services.AddSingleton<IStaffReplySender, StaffReplySender>();
        return services;
    }
}
