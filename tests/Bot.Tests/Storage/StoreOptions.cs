using MarrowBot.Bot.Storage;
using Microsoft.Extensions.Options;

namespace MarrowBot.Bot.Tests.Storage;

public static class StoreOptions
{
    /// <summary>The defaults, without fail-fast, so that one test's failure cannot make another's operation fail.</summary>
    public static IOptions<StorageOptions> Default { get; } = Options.Create(new StorageOptions { FailFastPeriod = TimeSpan.Zero, OperationTimeout = TimeSpan.FromSeconds(30) });
}
