namespace MarrowBot.Bot.Storage;

/// <summary>
/// The store could not be reached or did not answer in time (the inner exception says why), or it failed a moment
/// ago and operations fail at once for a short while. Its message never contains stored content.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : base("The store is unavailable.")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
