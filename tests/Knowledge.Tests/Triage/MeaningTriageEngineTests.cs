using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Triage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarrowBot.Knowledge.Tests.Triage;

/// <summary>The second opinion by meaning (ADR 0018): it may only raise, under the same context rules as the rules.</summary>
public sealed class MeaningTriageEngineTests
{
    private static TriageResult Rules(string text) => SharedTriage.Engine().Assess(text);

    private static TriageResult WithMeaning(string text) => SharedMeaningTriage.Engine.Assess(text);

    /// <summary>Red flags in everyday words that the lexicon has no pattern for (each test checks that first).</summary>
    public static TheoryData<string, TriageTier> EverydayRedFlags => new()
    {
        { "my boy went rigid and his arms started jerking", TriageTier.Emergency },
        { "her smile has slipped on one side", TriageTier.Emergency },
        { "my words keep coming out in the wrong order", TriageTier.Emergency },
        { "there's a horrible heavy squeeze in the middle of my ribs going into my jaw", TriageTier.Emergency },
        { "my gums keep oozing when I brush", TriageTier.Urgent },
        { "everything I drink just comes back up", TriageTier.Urgent },
    };

    [Theory]
    [MemberData(nameof(EverydayRedFlags))]
    public void RaisesAnEverydayRedFlagTheRulesMiss(string text, TriageTier expected)
    {
        Assert.True(Rules(text).Tier < expected, "the rules alone catch this one: it shows nothing about meaning");

        Assert.Equal(expected, WithMeaning(text).Tier);
    }

    [Theory]
    [InlineData("she gets a bit puffed walking up to the shops these days")]
    [InlineData("I'm slightly short of breath after the stairs")]
    public void AMildClauseIsNotRaisedToUrgentByMeaning(string text)
    {
        Assert.True(MeaningTriageEngine.IsMild(text.ToLowerInvariant()));

        Assert.True(WithMeaning(text).Tier <= TriageTier.Routine, $"{WithMeaning(text).Tier}");
    }

    [Theory]
    [InlineData("I collapsed in the kitchen, feeling fine now")]
    [InlineData("my chest is fine but I'm burning up with a fever")]
    [InlineData("crushing chest pain, thank you for your help earlier")]
    [InlineData("temp 38.4 and a bit of a cold and a stuffy nose")]
    public void NeverLowersTheRulesTierNorDropsTheirEvidence(string text)
    {
        var rules = Rules(text);
        Assert.True(rules.Tier >= TriageTier.Urgent, "the case needs the rules to have found something");

        var result = WithMeaning(text);

        Assert.True(result.Tier >= rules.Tier, $"{result.Tier} is below the rules' {rules.Tier}");
        Assert.All(rules.Evidence, e => Assert.Contains(e, result.Evidence));
        Assert.All(rules.Categories, c => Assert.Contains(c, result.Categories));
    }

    [Theory]
    [InlineData("my boy didn't go rigid and his arms aren't jerking")]
    [InlineData("what if my boy goes rigid and his arms start jerking?")]
    [InlineData("what should I do if her smile slips on one side?")]
    [InlineData("does a smile slipping on one side mean a stroke?")]
    [InlineData("years ago my boy went rigid and his arms started jerking")]
    [InlineData("my boy went rigid and his arms started jerking when he was a toddler")]
    [InlineData("her smile slipped on one side in 2019")]
    [InlineData("laughed so hard I couldn't catch my breath")]
    public void AClauseTheRulesWouldDiscountIsNotRead(string text)
    {
        Assert.Empty(SharedMeaningTriage.Engine.Matches(text));
        Assert.Equal(TriageTier.None, WithMeaning(text).Tier);
    }

    [Theory]
    [InlineData("my words keep coming out in the wrong order", "my husband says his words keep coming out in the wrong order")]
    [InlineData("my smile has slipped on one side", "her smile has slipped on one side")]
    [InlineData("everything I drink just comes back up", "everything my son drinks just comes back up")]
    [InlineData("I went rigid and my arms started jerking", "my boy went rigid and his arms started jerking")]
    public void SomeoneElsesRedFlagIsRaisedTheSameAsTheWriters(string self, string other)
    {
        var own = WithMeaning(self);

        Assert.True(own.Tier > Rules(self).Tier, "the case needs the second opinion to raise the writer's own");
        Assert.Equal(own.Tier, WithMeaning(other).Tier);
    }

    [Fact]
    public void TheEvidenceNamesTheRedFlagAndThePhrasingItMatched()
    {
        const string text = "thanks for earlier. her smile has slipped on one side";

        var result = WithMeaning(text);

        var evidence = Assert.Single(result.Evidence, e => e.Rule.StartsWith(MeaningTriageEngine.RulePrefix, StringComparison.Ordinal));
        Assert.Equal("meaning:stroke", evidence.Rule);
        Assert.Equal("stroke", evidence.Category);
        Assert.Equal(TriageTier.Emergency, evidence.Tier);
        Assert.Contains(SharedMeaningTriage.Exemplars.Phrasings, p => p.Id == "stroke" && p.Text == evidence.Exemplar);
        Assert.InRange(evidence.Similarity ?? 0, SharedMeaningTriage.Engine.Thresholds.Emergency, 1.01f);
        Assert.Equal("her smile has slipped on one side", text.Substring(evidence.Start, evidence.Length));
        Assert.Equal(["stroke"], result.Categories);
    }

    [Fact]
    public void TheLogNamesTheRedFlagButNeverTheMessage()
    {
        const string text = "my words keep coming out in the wrong order";
        var logger = new ListLogger<MeaningTriageEngine>();
        var engine = new MeaningTriageEngine(SharedTriage.Engine(), SharedMeaningTriage.Exemplars, SharedMeaningTriage.Generator, SharedMeaningTriage.CacheFolder, logger);

        Assert.Equal(TriageTier.Emergency, engine.Assess(text).Tier);

        var line = Assert.Single(logger.Messages);
        Assert.Contains("meaning:stroke", line);
        Assert.DoesNotContain("wrong order", line);
    }

    [Fact]
    public void AFailureInTheMeaningPartKeepsTheRulesResult()
    {
        const string text = "temp 38.5, her smile has slipped on one side";
        var generator = new FailingGenerator(SharedMeaningTriage.Generator);
        var logger = new ListLogger<MeaningTriageEngine>();
        var engine = new SafeTriageEngine(
            new MeaningTriageEngine(SharedTriage.Engine(), SharedMeaningTriage.Exemplars, generator, SharedMeaningTriage.CacheFolder, logger),
            NullLogger<SafeTriageEngine>.Instance);
        Assert.Equal(TriageTier.Emergency, engine.Assess(text).Tier);
        var rules = Rules(text);

        generator.Fail = true;
        var result = engine.Assess(text);

        Assert.Equal(TriageTier.Urgent, rules.Tier);
        Assert.Equal(rules.Tier, result.Tier);
        Assert.Equal(rules.Categories, result.Categories);
        Assert.Equal(rules.Evidence, result.Evidence);
        Assert.False(result.EngineFailed);
        Assert.Contains(logger.Messages, m => m.Contains(nameof(InvalidOperationException), StringComparison.Ordinal) && !m.Contains("smile", StringComparison.Ordinal));
    }

    [Fact]
    public void WithEmbeddingsOffTheHostTriagesWithTheRulesAlone()
    {
        using var provider = KnowledgeServices.Build(new Dictionary<string, string?> { [SharedMeaningTriage.ProviderSetting] = "None" });
        var host = provider.GetRequiredService<ITriageEngine>();

        Assert.Null(provider.GetService<MeaningTriageEngine>());
        foreach (var text in EverydayRedFlags.Select(row => (string)row[0]).Append("temp 38.5, her smile has slipped on one side").Append("my husband collapsed"))
        {
            var rules = Rules(text);
            var result = host.Assess(text);
            Assert.Equal(rules.Tier, result.Tier);
            Assert.Equal(rules.Categories, result.Categories);
            Assert.Equal(rules.Evidence, result.Evidence);
        }
    }

    [Fact]
    public void WithEmbeddingsOnTheHostTriagesWithTheSecondOpinion() =>
        Assert.Equal(TriageTier.Emergency, SharedMeaningTriage.Host.Assess("her smile has slipped on one side").Tier);

    [Fact]
    public void ATwentyThousandCharacterMessageIsCappedForMeaningAndReadToTheEndByTheRules()
    {
        var builder = new System.Text.StringBuilder();
        for (var day = 1; builder.Length < 19_950; day++)
        {
            builder.Append("on day ").Append(day).Append(" we went for a walk in the park, ");
        }

        var text = builder.ToString()[..19_950].TrimEnd() + ". then my dad collapsed.";
        text = text.PadRight(20_000, ' ');

        var matches = SharedMeaningTriage.Engine.Matches(text);
        var result = SharedMeaningTriage.Host.Assess(text);

        Assert.Equal(20_000, text.Length);
        Assert.InRange(matches.Count, 1, SharedMeaningTriage.Engine.MaxClauses);
        Assert.InRange(SharedMeaningTriage.Engine.EncodedFor(text).Sum(c => EmbeddingText.EstimatedTokens(c)), 1, TurnBudget.ForTriage(SharedMeaningTriage.Engine.MaxTokensPerTurn));
        Assert.Equal(TriageTier.Emergency, result.Tier);
        Assert.Contains(result.Evidence, e => e.Category == "neuro-collapse" && e.Start > 19_900);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🙂🙂🙂")]
    [InlineData("\u0000\u0007\u001b[31m")]
    [InlineData("¿Dónde está la farmacia del hospital?")]
    [InlineData("..., ,,, !!! ???")]
    public void OddInputBehavesAsTheRulesDo(string text)
    {
        var rules = Rules(text);
        var result = SharedMeaningTriage.Host.Assess(text);

        Assert.Equal(rules.Tier, result.Tier);
        Assert.False(result.EngineFailed);
    }

    [Fact]
    public void TheExemplarsCarryThresholdsForBothLocalModels()
    {
        var exemplars = SharedMeaningTriage.Exemplars;

        Assert.NotNull(exemplars.ThresholdsFor("all-MiniLM-L6-v2"));
        Assert.NotNull(exemplars.ThresholdsFor("snowflake-arctic-embed-xs"));
        Assert.Contains(exemplars.Phrasings, p => p.Tier == TriageTier.None);
        Assert.All(Enum.GetValues<TriageTier>(), tier => Assert.Contains(exemplars.Phrasings, p => p.Tier == tier));
    }

    [Fact]
    public void ARedFlagPhrasingTheRulesWouldDiscountStopsStartUpNamingIt()
    {
        var data = WithExemplarFile(file => file.Replace("\"I have chest pain\"", "\"I don't have chest pain\"", StringComparison.Ordinal));
        try
        {
            var error = Assert.Throws<KnowledgeDataException>(() =>
                new MeaningTriageEngine(SharedTriage.Engine(), TriageExemplars.Load(data, SharedTriage.Lexicon), SharedMeaningTriage.Generator, null, NullLogger<MeaningTriageEngine>.Instance));

            Assert.Equal(TriageExemplars.FileName, error.File);
            Assert.Equal("chest-pain-pressure", error.Entry);
            Assert.Contains("Negation", error.Message);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void ARedFlagWithAnUnknownCategoryIsNamed()
    {
        var data = WithExemplarFile(file => file.Replace("\"category\": \"stroke\"", "\"category\": \"strokes\"", StringComparison.Ordinal));
        try
        {
            var error = Assert.Throws<KnowledgeDataException>(() => TriageExemplars.Load(data, SharedTriage.Lexicon));

            Assert.Equal("stroke", error.Entry);
            Assert.Contains("strokes", error.Fault);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static string WithExemplarFile(Func<string, string> edit)
    {
        var data = Directory.CreateTempSubdirectory("marrowbot-exemplars-").FullName;
        var text = File.ReadAllText(Path.Combine(RepoPaths.Data, TriageExemplars.FileName));
        var edited = edit(text);
        Assert.NotEqual(text, edited);
        File.WriteAllText(Path.Combine(data, TriageExemplars.FileName), edited);
        return data;
    }

    /// <summary>The real encoder until told to fail, as a broken model or runtime would in the middle of a turn.</summary>
    private sealed class FailingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public bool Fail { get; set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Fail ? throw new InvalidOperationException("the model is gone") : inner.GenerateAsync(values, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }
}
