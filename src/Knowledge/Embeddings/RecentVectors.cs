namespace MarrowBot.Knowledge.Embeddings;

/// <summary>
/// The vectors of the last few pieces encoded, by their exact text, oldest forgotten first. Within one turn the same
/// text is often asked for twice: a short symptom message is one clause for triage's second opinion and the whole
/// message for answer selection, and a reply to a follow-up question is triaged a second time. The encoder gives a
/// piece the same vector whatever else is in its batch, so a remembered vector is the one encoding it again would give.
/// </summary>
internal sealed class RecentVectors(int capacity)
{
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string piece, out float[] vector) => _vectors.TryGetValue(piece, out vector!);

    public void Add(string piece, float[] vector)
    {
        if (capacity == 0 || !_vectors.TryAdd(piece, vector))
        {
            return;
        }

        _order.Enqueue(piece);
        if (_order.Count > capacity)
        {
            _vectors.Remove(_order.Dequeue());
        }
    }
}
