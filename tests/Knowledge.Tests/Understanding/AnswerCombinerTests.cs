using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Understanding;

namespace MarrowBot.Knowledge.Tests.Understanding;

public sealed class AnswerCombinerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("combiner-").FullName;

    [Fact]
    public void TheCommittedCombinerWasTrainedForTheDefaultEncoderAndPooling()
    {
        var combiner = AnswerCombiner.Load(RepoPaths.Data);

        Assert.NotNull(combiner);
        Assert.True(combiner.Fits(SharedMeaning.Index.ModelId, FusionSettings.Default));
        Assert.True(SharedMeaning.Responder().UsesCombiner);
    }

    [Fact]
    public void AFolderWithoutACombinerLeavesTheThresholdsToDecide()
    {
        Assert.Null(AnswerCombiner.Load(_folder));
    }

    [Fact]
    public void ACombinerTrainedForAnotherEncoderIsNotUsed()
    {
        var combiner = AnswerCombiner.Load(RepoPaths.Data)!;

        Assert.False((combiner with { ModelId = "snowflake-arctic-embed-xs" }).Fits(SharedMeaning.Index.ModelId, FusionSettings.Default));
        Assert.False(combiner.Fits(combiner.ModelId, FusionSettings.Default with { ClassifierWeight = 0.5 }));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"modelId\": \"all-MiniLM-L6-v2\"}")]
    [InlineData("{\"modelId\": \"m\", \"features\": [\"nearestFaq\"], \"outOfScope\": {\"weights\": [1], \"bias\": 0, \"threshold\": 0.5}, \"topIsRight\": {\"weights\": [1], \"bias\": 0, \"threshold\": 0.5}}")]
    public void ADamagedCombinerFileStopsLoadingWithAMessageNamingTheFileAndTheScript(string json)
    {
        File.WriteAllText(Path.Combine(_folder, AnswerCombiner.FileName), json);

        var error = Assert.Throws<KnowledgeDataException>(() => AnswerCombiner.Load(_folder));

        Assert.Equal(AnswerCombiner.FileName, error.File);
        Assert.Contains("train-answer-combiner.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALogisticModelFitsASeparableSetAndItsChancesFollowTheFeature()
    {
        var features = Enumerable.Range(0, 40).Select(i => new[] { i / 40.0 }).ToList();
        var labels = features.Select(f => f[0] >= 0.5).ToList();

        var (weights, bias) = LogisticModel.Fit(features, labels);
        var model = new LogisticModel(weights, bias, 0.5);

        Assert.True(model.Probability([0.9]) > 0.8);
        Assert.True(model.Probability([0.1]) < 0.2);
    }

    [Fact]
    public void TheResponderDeclinesAskingAboutSurvivalFiguresAndAnswersWhatTheMarrowDoes()
    {
        var responder = SharedMeaning.Responder();

        var figures = responder.Respond("what are the survival statistics for marrow failure in percent", MarrowBot.Knowledge.Answering.ConversationMemory.New with { Welcomed = true }).Replies[^1];
        var covered = responder.Respond("what does bone marrow do", MarrowBot.Knowledge.Answering.ConversationMemory.New with { Welcomed = true }).Replies[^1];

        Assert.Equal(MarrowBot.Knowledge.Answering.ReplyKind.Decline, figures.Kind);
        Assert.Equal(MarrowBot.Knowledge.Answering.ReplyKind.Answer, covered.Kind);
        Assert.Equal("what-does-marrow-do", covered.Intent);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
