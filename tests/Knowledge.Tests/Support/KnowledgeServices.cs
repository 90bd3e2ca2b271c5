using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Knowledge.Tests.Support;

/// <summary>The knowledge module as AddKnowledge registers it, over the real content, with the settings a test chooses.</summary>
public static class KnowledgeServices
{
    /// <summary>
    /// Where these tests keep the intent model and the content's vectors: the test output's own .cache/models, like
    /// the bot's, so a second run reads the vectors instead of encoding the content again.
    /// </summary>
    public static string ModelDirectory { get; } = Path.Combine(AppContext.BaseDirectory, ".cache", "models");

    public static ServiceProvider Build(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Knowledge:DataDirectory"] = RepoPaths.Data,
            ["Knowledge:ModelDirectory"] = ModelDirectory,
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        return services.AddKnowledge(configuration, AppContext.BaseDirectory).BuildServiceProvider();
    }
}
