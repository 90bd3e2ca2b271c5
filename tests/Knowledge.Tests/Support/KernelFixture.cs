using Microsoft.Extensions.DependencyInjection;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>The knowledge module twice, as AddKnowledge registers it: with the local MiniLM embeddings (the default) and with words only.</summary>
public sealed class KernelFixture : IDisposable
{
    public ServiceProvider WithMeaning { get; } = KnowledgeServices.Build();

    public ServiceProvider WordsOnly { get; } = KnowledgeServices.Build(new() { ["Embeddings:Provider"] = "None" });

    public void Dispose()
    {
        WithMeaning.Dispose();
        WordsOnly.Dispose();
    }
}
