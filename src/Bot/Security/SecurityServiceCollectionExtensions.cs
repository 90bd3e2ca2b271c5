namespace MarrowBot.Bot.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Registers how channels are trusted: the app identity, the serviceUrl rule, the <c>/api/messages</c> handler and the local-mode exposure warning.</summary>
    public static IServiceCollection AddChannelSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceUrlOptions>().Bind(configuration.GetSection(ServiceUrlOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BotAppIdentity>();
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddSingleton<MessagesEndpoint>();
        services.AddHostedService<LocalModeExposureCheck>();
        return services;
    }
}
