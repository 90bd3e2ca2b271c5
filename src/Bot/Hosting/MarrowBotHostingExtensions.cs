using MarrowBot.Bot.Channels;
using MarrowBot.Bot.Conversation;
using MarrowBot.Bot.Handoff;
using MarrowBot.Bot.Hosting.EdgeProtection;
using MarrowBot.Bot.Security;
using MarrowBot.Bot.Observability;
using MarrowBot.Bot.Storage;
using MarrowBot.Knowledge;
using MarrowBot.Staff;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace MarrowBot.Bot.Hosting;

public static class MarrowBotHostingExtensions
{
    /// <summary>Registers everything the bot host owns: the knowledge module, Bot Framework adapter, durable state and transcripts, the bot, and start-up checks.</summary>
    public static WebApplicationBuilder AddMarrowBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddKnowledge(builder.Configuration, builder.Environment.ContentRootPath);

        // Bot Framework authentication from configuration: an empty MicrosoftAppId is local mode, no cloud account.
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            builder.Configuration, logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));

        // CloudAdapter's two constructors are ambiguous to the container, so it is built explicitly.
        services.AddSingleton<MarrowBotAdapter>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<MarrowBotAdapter>());

        // Conversation state and transcripts in SQLite (default) or PostgreSQL ("Storage" settings).
        services.AddStorage(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(sp => new ConversationState(sp.GetRequiredService<RecentStateStorage>()));
        services.AddSingleton<ReplyActivities>();
        services.AddTransient<IBot, MarrowBotHandler>();

        services.AddChannels(builder.Configuration);
        services.AddEdgeProtection(builder.Configuration);
        services.AddChannelSecurity(builder.Configuration);
        services.AddTelemetry(builder.Configuration);
        services.AddStaffConsole(builder.Configuration);
        services.AddHandoffToStaff(builder.Configuration);
        services.AddSingleton<Readiness>();
        services.AddHostedService<KnowledgeWarmup>();
        return builder;
    }

    /// <summary>Maps the Bot Framework endpoint, the health check, the web chat page and the local Direct Line channel.</summary>
    public static WebApplication MapMarrowBot(this WebApplication app)
    {
        app.UseEdgeProtection();
        app.MapTelemetry();
        app.MapChannels();
        app.MapPost("/api/messages", (HttpContext context, MessagesEndpoint endpoint, IBot bot, CancellationToken cancellationToken) =>
            endpoint.HandleAsync(context, bot, cancellationToken));
        app.MapGet("/healthz", (Readiness readiness) => readiness.IsReady
            ? Results.Ok(new { status = "ready" })
            : Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapHealthEndpoints();

        app.MapStaffConsole();
        return app;
    }
}
