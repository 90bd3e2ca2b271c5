using MarrowBot.Bot.Tests.Support;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Intents;
using Moq;
using static MarrowBot.Bot.Tests.Support.Activities;

namespace MarrowBot.Bot.Tests.Functional;

public sealed class FailureTests
{
    [Fact]
    public async Task AFailedTurnGetsACalmApologyAndTheHostKeepsServing()
    {
        var classifier = new Mock<IIntentClassifier>();
        classifier.SetupSequence(c => c.Predict(It.IsAny<string>()))
            .Throws(new InvalidOperationException("model exploded"))
            .Returns(new IntentPrediction([new IntentScore("causes", 0.9f)]));
        await using var host = await BotHost.StartAsync(services => services.AddSingleton(classifier.Object));

        var failed = await host.SendAsync(Message("what causes it", "conv-fail"));
        var next = await host.SendAsync(Message("what causes it", "conv-fail"));

        var apology = failed.Last();
        Assert.Equal("error", Kind(apology));
        Assert.Contains("care team", (string)apology["text"]!);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("InvalidOperationException", StringComparison.Ordinal));
        Assert.Equal("answer", Kind(next.Last()));
        Assert.True((await host.Client.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task BrokenContentStopsStartUpNamingTheFileEntryAndFault()
    {
        var data = Directory.CreateTempSubdirectory("marrowbot-bad-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data")))
            {
                File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
            }

            var faq = Path.Combine(data, "faq.json");
            File.WriteAllText(faq, File.ReadAllText(faq).Replace("\"why-causes-differ\"", "\"why-causes-vary\"", StringComparison.Ordinal));

            var error = await Assert.ThrowsAsync<KnowledgeDataException>(() => BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Knowledge:DataDirectory"] = data }));

            Assert.Equal("faq.json", error.File);
            Assert.Contains("why-causes-vary", error.Message);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task AnInvalidSettingStopsStartUpWithItsName()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Answering:AnswerThreshold"] = "7" }));

        Assert.Contains("AnswerThreshold", error.Message);
    }
}
