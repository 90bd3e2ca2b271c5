namespace MarrowBot.Bot.Hosting;

/// <summary>Set once the knowledge and the intent classifier are loaded; /healthz answers 200 only after that.</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
