using Microsoft.Bot.Builder;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>A store item for the tests: Bot Builder's optimistic concurrency applies to it through its ETag.</summary>
public sealed class Note : IStoreItem
{
    public string Text { get; set; } = string.Empty;

    public int Count { get; set; }

    public IReadOnlyList<string> Tags { get; set; } = [];

    public string? ETag { get; set; }
}
