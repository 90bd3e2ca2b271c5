using MarrowBot.Knowledge.Content;
using MarrowBot.Knowledge.Embeddings;
using MarrowBot.Knowledge.Intents;
using MarrowBot.Knowledge.Tests.Support;
using MarrowBot.Knowledge.Understanding;

namespace MarrowBot.Knowledge.Tests.Embeddings;

/// <summary>
/// The content's vectors are computed once and read back on the next start, keyed by the content and the model;
/// a damaged file is recomputed and an unwritable folder only costs time. A stand-in encoder (a hash of each text)
/// keeps these fast; the real model goes through the same cache (<see cref="MeaningIndexTests"/>).
/// </summary>
public sealed class EmbeddingCacheTests : IDisposable
{
    private static readonly KnowledgeBase Content = SharedKnowledge.Knowledge;
    private static readonly int Phrasings = TrainingExample.From(Content).Count;

    private readonly string _folder = Directory.CreateTempSubdirectory("marrowbot-vectors-").FullName;
    private readonly CountingEmbeddingGenerator _encoder = new(new HashEmbeddingGenerator());

    public static TheoryData<string, Action<string>> Damage => new()
    {
        { "truncated", path => File.WriteAllBytes(path, File.ReadAllBytes(path)[..(int)(new FileInfo(path).Length / 2)]) },
        { "empty", path => File.WriteAllBytes(path, []) },
        { "one bit flipped in a vector", path => FlipBit(path, (int)(new FileInfo(path).Length / 2)) },
        { "one bit flipped in the checksum", path => FlipBit(path, (int)new FileInfo(path).Length - 1) },
        { "a longer file", path => File.AppendAllText(path, "extra") },
        { "not a vector file", path => File.WriteAllText(path, "{\"vectors\": []}") },
    };

    [Fact]
    public void ASecondBuildOverTheSameContentAndModelReadsTheFilesAndEncodesNothing()
    {
        var first = new MeaningIndex(Content, _encoder, _folder);
        Assert.Equal(Phrasings + Content.Passages.Count, _encoder.Encoded);
        _encoder.Reset();

        var second = new MeaningIndex(Content, _encoder, _folder);

        Assert.Equal(0, _encoder.Encoded);
        AssertSameVectors(first, second);
    }

    [Fact]
    public void TheFilesAreKeptInTheGivenFolderOnePerSetOfTexts()
    {
        _ = new MeaningIndex(Content, _encoder, _folder);

        var files = Directory.GetFiles(_folder).Select(Path.GetFileName).Order().ToList();
        Assert.Collection(files, f => Assert.StartsWith("embeddings-exemplars-", f), f => Assert.StartsWith("embeddings-passages-", f));
    }

    [Fact]
    public void ChangedContentMakesANewKeyAndOnlyTheChangedSetIsEncoded()
    {
        _ = new MeaningIndex(Content, _encoder, _folder);
        var before = PassagesFile();
        _encoder.Reset();
        var passages = Content.Passages.Select((p, i) => i == 0 ? p with { Text = p.Text + " Reviewed again." } : p).ToList();
        var changed = new KnowledgeBase(passages, Content.Faqs, Content.Conversational, Content.Guidance, "changed");

        _ = new MeaningIndex(changed, _encoder, _folder);

        Assert.Equal(Content.Passages.Count, _encoder.Encoded);
        Assert.Equal(3, Directory.GetFiles(_folder).Length);
        Assert.True(File.Exists(before), "the old content's file was replaced rather than keyed anew");
    }

    [Fact]
    public void AnotherModelIdMakesANewKeyAndEverythingIsEncodedAgain()
    {
        _ = new MeaningIndex(Content, _encoder, _folder);
        var other = new CountingEmbeddingGenerator(new HashEmbeddingGenerator("another-model"));

        _ = new MeaningIndex(Content, other, _folder);

        Assert.Equal(Phrasings + Content.Passages.Count, other.Encoded);
        Assert.Equal(4, Directory.GetFiles(_folder).Length);
        Assert.NotEqual(
            EmbeddingCache.PathOf(_folder, "passages", "hash-test-model", ["a passage"]),
            EmbeddingCache.PathOf(_folder, "passages", "another-model", ["a passage"]));
    }

    [Theory]
    [MemberData(nameof(Damage))]
    public void ADamagedFileIsRecomputedNotTrusted(string kind, Action<string> damage)
    {
        var original = new MeaningIndex(Content, _encoder, _folder);
        damage(PassagesFile());
        _encoder.Reset();

        var rebuilt = new MeaningIndex(Content, _encoder, _folder);

        Assert.True(Content.Passages.Count == _encoder.Encoded, $"{kind}: {_encoder.Encoded} texts encoded instead of the {Content.Passages.Count} passages");
        AssertSameVectors(original, rebuilt);
        _encoder.Reset();
        _ = new MeaningIndex(Content, _encoder, _folder);
        Assert.True(_encoder.Encoded == 0, $"{kind}: the recomputed file was not saved whole");
    }

    [Fact]
    public void AnUnwritableFolderOnlyCostsTime()
    {
        var notAFolder = Path.Combine(_folder, "a-file");
        File.WriteAllText(notAFolder, "in the way");
        var folder = Path.Combine(notAFolder, "models");

        var first = new MeaningIndex(Content, _encoder, folder);
        var second = new MeaningIndex(Content, _encoder, folder);

        Assert.Equal(2 * (Phrasings + Content.Passages.Count), _encoder.Encoded);
        AssertSameVectors(first, second);
        Assert.Single(Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PassagesFile() => Directory.GetFiles(_folder, "embeddings-passages-*.bin").Single();

    private static void FlipBit(string path, int offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Same vectors, seen through what the index answers: every passage's and phrasing's similarity with a few probes.</summary>
    private static void AssertSameVectors(MeaningIndex expected, MeaningIndex actual)
    {
        var probe = new HashEmbeddingGenerator();
        foreach (var text in new[] { "what causes marrow failure", Content.Passages[0].Title, "hello" })
        {
            var vector = probe.Vector(text);
            Assert.Equal(expected.NearestPassages(vector), actual.NearestPassages(vector));
            Assert.Equal(expected.Exemplars.Nearest(vector), actual.Exemplars.Nearest(vector));
        }
    }
}
