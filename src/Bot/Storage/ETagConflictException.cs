namespace MarrowBot.Bot.Storage;

/// <summary>
/// A write expected an ETag that is no longer the stored one: another turn (on this or another instance) changed
/// the item since it was read. Nothing in the write was stored. The message names no key and no content.
/// </summary>
public sealed class ETagConflictException : Exception
{
    public ETagConflictException()
        : base("Etag conflict: the item was changed by another writer since it was read; nothing was written.")
    {
    }

    public ETagConflictException(string message)
        : base(message)
    {
    }

    public ETagConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
