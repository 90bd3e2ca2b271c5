namespace MarrowBot.Knowledge.Improvement;

/// <summary>
/// The snapshot the bot answers from now (ADR 0029). Each turn reads <see cref="Current"/> once; a retrain that
/// passes the gate replaces it with <see cref="Swap"/>, an atomic reference write, so turns in flight finish on the
/// snapshot they started with and the next turn gets the new one.
/// </summary>
public sealed class LiveKnowledge(KnowledgeSnapshot initial, string? overlayProblem = null, long? overlayVersion = null)
{
    private KnowledgeSnapshot _current = initial ?? throw new ArgumentNullException(nameof(initial));
    private string? _overlayProblem = overlayProblem;
    private long _overlayVersion = overlayVersion ?? -1;

    public KnowledgeSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Why the overlay file could not be read the last time it was (the bot then answers from the curated data alone); null when it could.</summary>
    public string? OverlayProblem
    {
        get => Volatile.Read(ref _overlayProblem);
        set => Volatile.Write(ref _overlayProblem, value);
    }

    /// <summary>
    /// The store's overlay version that start-up or the last retrain read (whether or not the gate accepted it);
    /// null when none was read from a store. An instance retrains when the store's version differs (ADR 0029, addendum).
    /// </summary>
    public long? OverlayVersion
    {
        get => Interlocked.Read(ref _overlayVersion) is var v && v >= 0 ? v : null;
        set => Interlocked.Exchange(ref _overlayVersion, value ?? -1);
    }

    /// <summary>Makes <paramref name="next"/> the snapshot every later turn reads; returns the one it replaced.</summary>
    public KnowledgeSnapshot Swap(KnowledgeSnapshot next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _current, next);
    }
}
