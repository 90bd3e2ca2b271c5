using System.Text.Json;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Retrieval;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace MarrowBot.Knowledge.Tests.Understanding;

/// <summary>
/// The knowledge search through the Semantic Kernel kernel that AddKnowledge registers, invoked by name the way a
/// language model's function call would be: cited passages by meaning and words, and by words alone when embeddings are off.
/// </summary>
public sealed class KnowledgePluginTests(KernelFixture services) : IClassFixture<KernelFixture>
{
    /// <summary>Questions and the sections whose text answers them (either, where two do).</summary>
    public static TheoryData<string, string[]> Questions => new()
    {
        { "what causes marrow failure", ["why-causes-differ"] },
        { "can my kids inherit it", ["why-causes-differ"] },
        { "wat dose bone marow do", ["introduction", "why-bone-marrow-matters"] },
        { "im exhausted all the time and covered in bruises", ["develops-quietly"] },
        { "how do i cope with feeling so low about it", ["living-with-marrow-failure"] },
        { "can the marrow be rebuilt", ["regenerative-thinking"] },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task TheKernelFindsTheSectionThatAnswersTheQuestion(string question, string[] sections)
    {
        var hits = await SearchAsync(services.WithMeaning, question);

        Assert.True(sections.Contains(hits[0].Section), $"'{question}': {Describe(hits)}");
    }

    [Fact]
    public async Task AnFaqHitNamesTheEntryAndItsQuestion()
    {
        var hits = await SearchAsync(services.WithMeaning, "what does bone marrow do for you");

        var cited = hits.First(h => h.FaqId is not null);
        var faq = Knowledge.FindFaq(cited.FaqId!);
        Assert.NotNull(faq);
        Assert.Equal(faq.Question, cited.FaqQuestion);
        Assert.Contains(cited.PassageId, faq.Passages);
        Assert.Equal("what-does-marrow-do", hits[0].FaqId);
    }

    [Fact]
    public async Task EveryHitCitesAKnownSectionAndCarriesThePassage()
    {
        var hits = await SearchAsync(services.WithMeaning, "is there any hope of getting better", top: 10);

        Assert.InRange(hits.Count, 3, 10);
        Assert.Equal(Enumerable.Range(1, hits.Count), hits.Select(h => h.Rank));
        Assert.Equal(hits.Count, hits.Select(h => h.PassageId).Distinct().Count());
        Assert.All(hits, hit =>
        {
            var passage = Knowledge.Passage(hit.PassageId);
            Assert.True(SectionIds.IsKnown(hit.Section));
            Assert.Equal(passage.Section, hit.Section);
            Assert.Equal(passage.Title, hit.Title);
            Assert.Equal(passage.Text, hit.Text);
            Assert.True(hit.WordScore is not null || hit.PassageSimilarity is not null || hit.FaqId is not null, $"{hit.PassageId} has no vote");
        });
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score), "not best first");
    }

    [Fact]
    public async Task MeaningFindsAPassageWhoseWordsTheQuestionDoesNotUse()
    {
        var hits = await SearchAsync(services.WithMeaning, "my daughter gets breathless");

        Assert.Equal("develops-quietly", hits[0].Section);
        Assert.Equal("breathlessness", hits[0].FaqId);
        Assert.Null(hits[0].WordScore);
    }

    [Fact]
    public async Task TheResultSerialisesToJsonWithItsCitations()
    {
        var kernel = services.WithMeaning.GetRequiredService<Kernel>();

        var result = await kernel.InvokeAsync(KnowledgePlugin.Name, KnowledgePlugin.SearchFunction, new KernelArguments { ["query"] = "what causes marrow failure", ["top"] = 2 });

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result.GetValue<IReadOnlyList<KnowledgeHit>>()));
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal("why-causes-differ", json.RootElement[0].GetProperty("Section").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement[0].GetProperty("Text").GetString()));
    }

    [Fact]
    public void TheFunctionIsDescribedForALanguageModel()
    {
        var kernel = services.WithMeaning.GetRequiredService<Kernel>();

        var function = kernel.Plugins[KnowledgePlugin.Name][KnowledgePlugin.SearchFunction];

        Assert.Contains("cite", function.Metadata.Description, StringComparison.Ordinal);
        var query = function.Metadata.Parameters.Single(p => p.Name == "query");
        Assert.True(query.IsRequired);
        Assert.False(string.IsNullOrEmpty(query.Description));
        Assert.False(function.Metadata.Parameters.Single(p => p.Name == "top").IsRequired);
    }

    [Fact]
    public void TheKernelGetsTheEmbeddingGeneratorFromTheContainer()
    {
        var kernel = services.WithMeaning.GetRequiredService<Kernel>();

        Assert.Same(
            services.WithMeaning.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnEmptyQueryFindsNothing(string query)
    {
        Assert.Empty(await SearchAsync(services.WithMeaning, query));
    }

    [Fact]
    public async Task ATwentyThousandCharacterQueryIsSearchedWithoutThrowing()
    {
        var hits = await SearchAsync(services.WithMeaning, LongMessages.Anxious(20_000));

        Assert.Equal(3, hits.Count);
    }

    [Fact]
    public async Task WithEmbeddingsOffTheKernelSearchesByWordsAlone()
    {
        const string question = "what causes marrow failure";
        var kernel = services.WordsOnly.GetRequiredService<Kernel>();

        var hits = await SearchAsync(services.WordsOnly, question, top: 5);

        Assert.Null(kernel.Services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.False(services.WordsOnly.GetRequiredService<KnowledgeSearch>().UsesMeaning);
        var bm25 = services.WordsOnly.GetRequiredService<PassageIndex>().Search(question, 5);
        Assert.Equal(bm25.Select(h => h.Passage.Id), hits.Select(h => h.PassageId));
        Assert.Equal("why-causes-differ", hits[0].Section);
        Assert.All(hits, h =>
        {
            Assert.Null(h.FaqId);
            Assert.Null(h.PassageSimilarity);
            Assert.NotNull(h.WordScore);
        });
    }

    [Fact]
    public async Task WithEmbeddingsOffAQuestionSharingNoWordsFindsNothing()
    {
        Assert.Empty(await SearchAsync(services.WordsOnly, "why does my son run out of puff"));
    }

    private KnowledgeBase Knowledge => services.WithMeaning.GetRequiredService<KnowledgeBase>();

    private static async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(IServiceProvider provider, string query, int top = 3)
    {
        var kernel = provider.GetRequiredService<Kernel>();
        var result = await kernel.InvokeAsync(KnowledgePlugin.Name, KnowledgePlugin.SearchFunction, new KernelArguments { ["query"] = query, ["top"] = top });
        return result.GetValue<IReadOnlyList<KnowledgeHit>>()!;
    }

    private static string Describe(IEnumerable<KnowledgeHit> hits) =>
        string.Join("; ", hits.Select(h => $"{h.Rank}. {h.Section}/{h.PassageId} faq={h.FaqId} score={h.Score:F4} words={h.WordScore:F2} meaning={h.PassageSimilarity:F2} faqSim={h.FaqSimilarity:F2}"));
}
