namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// The authoritative copy of the editors' overlay (ADR 0029, addendum): one JSON document with a version number,
/// shared by every instance on one data store. Writes are optimistic: a write names the version it read and is
/// refused when another writer got there first, so the caller reads again and reapplies its change.
/// </summary>
public interface IOverlayStore
{
    /// <summary>The document and its version; null when none was ever written.</summary>
    Task<StoredOverlay?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The current version only (0 when none was written): what each instance polls.</summary>
    Task<long> VersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="json"/> as version <paramref name="expectedVersion"/> + 1 if the stored version is still
    /// <paramref name="expectedVersion"/> (0: none written yet); false, with nothing written, when it is not.
    /// </summary>
    Task<bool> TryWriteAsync(long expectedVersion, byte[] json, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <param name="Version">1 for the first write, one more for each later one.</param>
public sealed record StoredOverlay(long Version, byte[] Json);
