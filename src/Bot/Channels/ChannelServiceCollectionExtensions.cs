using MarrowBot.Bot.Channels.DirectLine;
using MarrowBot.Bot.Channels.Teams;
using MarrowBot.Bot.Channels.WebChat;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MarrowBot.Bot.Channels;

public static class ChannelServiceCollectionExtensions
{
    /// <summary>Registers the channels: the local Direct Line service and the page's token exchange, and the Teams greeting and reaction feedback.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineConversations>();
        services.AddSingleton<DirectLineRateLimits>();
        services.AddSingleton<DirectLineBridge>();
        services.AddHttpClient(WebChatEndpoints.AzureClient, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<TeamsGreeting>();
        services.AddSingleton<ReactionRecorder>();
        return services;
    }

    /// <summary>Maps the page, its token endpoint and (unless switched off) the local Direct Line channel.</summary>
    public static WebApplication MapChannels(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseStaticFiles();
        app.MapWebChat();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DirectLineOptions>>().Value;
        if (options.LocalChannelEnabled)
        {
            app.MapDirectLine();
        }

        return app;
    }
}
