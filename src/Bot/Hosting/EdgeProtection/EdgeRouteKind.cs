namespace MarrowBot.Bot.Hosting.EdgeProtection;

/// <summary>The rate-limit class of a request; each has its own budget per client address.</summary>
public enum EdgeRouteKind
{
    Health,
    Messages,
    DirectLine,
    Tokens,
    Pages,
}
