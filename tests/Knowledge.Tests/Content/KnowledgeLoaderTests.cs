using System.Text.Json.Nodes;
using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Tests.Support;

namespace MarrowBot.Knowledge.Tests.Content;

public sealed class KnowledgeLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("marrowbot-data-").FullName;

    public KnowledgeLoaderTests()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Data, "*.json"))
        {
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LoadsTheRealContent()
    {
        var knowledge = KnowledgeLoader.Load(_dir);

        Assert.True(knowledge.Faqs.Count >= 30);
        Assert.Equal(64, knowledge.ContentHash.Length);
    }

    [Fact]
    public void RejectsAPassageWithAnUnknownSectionNamingFileEntryAndFault()
    {
        var id = Edit("passages.json", doc => FirstItem(doc, "passages")["section"] = "no-such-section");

        var error = Assert.Throws<KnowledgeDataException>(() => KnowledgeLoader.Load(_dir));

        Assert.Equal("passages.json", error.File);
        Assert.Equal(id, error.Entry);
        Assert.Contains("unknown section id 'no-such-section'", error.Message);
    }

    [Fact]
    public void RejectsAnEmptyPassage()
    {
        var id = Edit("passages.json", doc => FirstItem(doc, "passages")["text"] = "   ");

        var error = Assert.Throws<KnowledgeDataException>(() => KnowledgeLoader.Load(_dir));

        Assert.Equal(id, error.Entry);
        Assert.Contains("text is empty", error.Fault);
    }

    [Fact]
    public void RejectsADuplicateFaqId()
    {
        string? duplicated = null;
        Edit("faq.json", doc =>
        {
            var entries = doc["entries"]!.AsArray();
            duplicated = entries[0]!["id"]!.GetValue<string>();
            entries[1]!["id"] = duplicated;
        });

        var error = Assert.Throws<KnowledgeDataException>(() => KnowledgeLoader.Load(_dir));

        Assert.Equal("faq.json", error.File);
        Assert.Equal(duplicated, error.Entry);
        Assert.Contains("duplicate id", error.Fault);
    }

    [Fact]
    public void RejectsAnAnswerCitingAPassageThatDoesNotExist()
    {
        var id = Edit("faq.json", doc => FirstItem(doc, "entries")["passages"]!.AsArray().Add("ghost-passage"));

        var error = Assert.Throws<KnowledgeDataException>(() => KnowledgeLoader.Load(_dir));

        Assert.Equal(id, error.Entry);
        Assert.Contains("cites passage 'ghost-passage', which does not exist", error.Fault);
    }

    [Fact]
    public void RejectsAFollowUpToAnUnknownEntry()
    {
        var id = Edit("faq.json", doc => FirstItem(doc, "entries")["followUps"] = new JsonArray("nowhere"));

        var error = Assert.Throws<KnowledgeDataException>(() => KnowledgeLoader.Load(_dir));

        Assert.Equal(id, error.Entry);
        Assert.Contains("follow-up 'nowhere'", error.Fault);
    }

    [Fact]
    public void RejectsSectionsThatDoNotMatchTheCitedPassages()
    {
        var id = Edit("faq.json", doc => FirstItem(doc, "entries")["sections"]!.AsArray().Add("final-thought-typo"));

        var error = Assert.Throws<KnowledgeDataException>(() => KnowledgeLoader.Load(_dir));

        Assert.Equal(id, error.Entry);
        Assert.Contains("unknown section id 'final-thought-typo'", error.Fault);
    }

    [Fact]
    public void RejectsMalformedJsonWithTheFileAndLine()
    {
        File.WriteAllText(Path.Combine(_dir, "faq.json"), "{\n  \"entries\": [\n    { \"id\": \"x\", }\n  ]\n}");

        var error = Assert.Throws<KnowledgeDataException>(() => KnowledgeLoader.Load(_dir));

        Assert.Equal("faq.json", error.File);
        Assert.StartsWith("(line ", error.Entry);
        Assert.Contains("malformed JSON", error.Fault);
    }

    [Fact]
    public void RejectsAMissingFile()
    {
        File.Delete(Path.Combine(_dir, "smalltalk.json"));

        var error = Assert.Throws<KnowledgeDataException>(() => KnowledgeLoader.Load(_dir));

        Assert.EndsWith("smalltalk.json", error.File);
        Assert.Contains("does not exist", error.Fault);
    }

    [Fact]
    public void RejectsAConversationalIntentWithAnUnknownKind()
    {
        var id = Edit("smalltalk.json", doc => FirstItem(doc, "intents")["kind"] = "gossip");

        var error = Assert.Throws<KnowledgeDataException>(() => KnowledgeLoader.Load(_dir));

        Assert.Equal(id, error.Entry);
        Assert.Contains("unknown kind 'gossip'", error.Fault);
    }

    [Fact]
    public void TheContentHashChangesWhenTheFaqChanges()
    {
        var before = KnowledgeLoader.Load(_dir).ContentHash;
        Edit("faq.json", doc => FirstItem(doc, "entries")["variants"]!.AsArray().Add("one more way to ask"));

        Assert.NotEqual(before, KnowledgeLoader.Load(_dir).ContentHash);
    }

    private static JsonObject FirstItem(JsonNode doc, string array) => doc[array]!.AsArray()[0]!.AsObject();

    private string Edit(string file, Action<JsonNode> change)
    {
        var path = Path.Combine(_dir, file);
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        var firstArray = doc.AsObject().First(p => p.Value is JsonArray).Value!.AsArray();
        var id = firstArray[0]!["id"]!.GetValue<string>();
        change(doc);
        File.WriteAllText(path, doc.ToJsonString());
        return id;
    }
}
