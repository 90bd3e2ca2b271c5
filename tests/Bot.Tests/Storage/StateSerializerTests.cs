using MarrowBot.Bot.Storage;
using MarrowBot.Knowledge.Answering;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Tests.Storage;

public sealed class StateSerializerTests
{
    [Fact]
    public void CollectionsFromCollectionExpressionsAreStoredAsListsAndReadBack()
    {
        IReadOnlyList<string> categories = ["fever", "bleeding"];
        var memory = new ConversationMemory { PendingChoices = ["a", "b"], LastTriageCategories = categories };

        var json = StateSerializer.Serialize(new Dictionary<string, object> { ["memory"] = memory });
        var read = (ConversationMemory)((IDictionary<string, object>)StateSerializer.Deserialize(json, "e1"))["memory"];

        Assert.DoesNotContain("<>", json);
        Assert.Contains("System.Collections.Generic.List`1[[System.String, System.Private.CoreLib]]", json);
        Assert.Equal(["a", "b"], read.PendingChoices);
        Assert.Equal(["fever", "bleeding"], read.LastTriageCategories);
    }

    [Fact]
    public void TheETagIsKeptOutOfTheStoredJsonAndPutBackOnReading()
    {
        var state = new Dictionary<string, object> { ["memory"] = ConversationMemory.New, [StateSerializer.ETagProperty] = "old" };

        var json = StateSerializer.Serialize(state);
        var read = (IDictionary<string, object>)StateSerializer.Deserialize(json, "new");

        Assert.DoesNotContain("old", json);
        Assert.Equal("new", read[StateSerializer.ETagProperty]);
    }

    [Theory]
    [InlineData("{\"$type\":\"System.IO.FileInfo, System.Private.CoreLib\",\"OriginalPath\":\"/etc/passwd\",\"FullPath\":\"/etc/passwd\"}")]
    [InlineData("{\"$type\":\"System.Diagnostics.Process, System.Diagnostics.Process\"}")]
    [InlineData("{\"$type\":\"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.Object, System.Private.CoreLib]], System.Private.CoreLib\",\"x\":{\"$type\":\"System.IO.DirectoryInfo, System.Private.CoreLib\"}}")]
    [InlineData("{\"$type\":\"System.Collections.Generic.List`1[[System.IO.FileInfo, System.Private.CoreLib]], System.Private.CoreLib\",\"$values\":[]}")]
    public void ARowNamingATypeOutsideTheAllowListIsRefused(string json)
    {
        Assert.Throws<JsonSerializationException>(() => StateSerializer.Deserialize(json, "e1"));
    }

    [Fact]
    public void ValuesWithoutAnETagAreWrittenUnchecked()
    {
        Assert.False(StateSerializer.TryGetExpectedETag("plain text", out _));
        Assert.True(StateSerializer.TryGetExpectedETag(new Dictionary<string, object>(), out var none));
        Assert.Null(none);
        Assert.True(StateSerializer.TryGetExpectedETag(new Note { ETag = "e7" }, out var etag));
        Assert.Equal("e7", etag);
    }
}
