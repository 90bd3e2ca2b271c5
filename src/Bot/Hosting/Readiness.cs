namespace MarrowBot.Bot.Hosting;

/// <summary>Set once the knowledge, the intent classifier and the sentence embeddings are loaded; /healthz answers 200 only after that.</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
