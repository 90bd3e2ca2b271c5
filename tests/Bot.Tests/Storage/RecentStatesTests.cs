using MarrowBot.Bot.Storage;
using MarrowBot.Bot.Tests.Support;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>The in-process memory of recent conversations stays bounded in count and age.</summary>
public sealed class RecentStatesTests
{
    [Fact]
    public void BeyondItsCapacityTheLeastRecentlyUsedConversationIsForgotten()
    {
        var recent = new RecentStates(new StorageOptions { RecentStateCapacity = 2 }, new ManualClock());
        recent.Remember("a", "{}", "1", stored: true);
        recent.Remember("b", "{}", "1", stored: true);
        Assert.True(recent.Touch("a", "1"));

        recent.Remember("c", "{}", "1", stored: true);

        Assert.Equal(2, recent.Count);
        Assert.NotNull(recent.TryGet("a"));
        Assert.Null(recent.TryGet("b"));
        Assert.NotNull(recent.TryGet("c"));
    }

    [Fact]
    public void AConversationIsForgottenOnceOlderThanTheMaximumAge()
    {
        var clock = new ManualClock();
        var recent = new RecentStates(new StorageOptions { RecentStateMaxAge = TimeSpan.FromMinutes(30) }, clock);
        recent.Remember("a", "{\"x\":1}", null, stored: false);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(("{\"x\":1}", (string?)null), recent.TryGet("a"));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(recent.TryGet("a"));
    }

    [Fact]
    public void AValueNotYetInTheStoreIsNeverTakenForTheStoredOne()
    {
        var recent = new RecentStates(new StorageOptions(), new ManualClock());
        recent.Remember("a", "{\"unsaved\":true}", "1", stored: false);

        Assert.False(recent.Touch("a", "1"));
    }

    [Fact]
    public void ConcurrentUseKeepsTheBound()
    {
        var recent = new RecentStates(new StorageOptions { RecentStateCapacity = 100 }, new ManualClock());

        Parallel.For(0, 20_000, i =>
        {
            recent.Remember("k" + (i % 500), "{}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), stored: true);
            _ = recent.TryGet("k" + ((i * 7) % 500));
            recent.Touch("k" + (i % 300), "x");
        });

        Assert.Equal(100, recent.Count);
    }
}
