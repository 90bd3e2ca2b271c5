using MarrowBot.Bot.Transcripts.Journal;

namespace MarrowBot.Bot.Tests.Storage;

/// <summary>
/// Reads a transcript journal file that no process holds, without changing it (the journal's own Open cuts a torn
/// tail off and Complete truncates): the intact records from the start, up to the first torn or damaged one.
/// </summary>
public static class JournalFile
{
    public static List<JournalBatch> ReadIntact(string path)
    {
        var batches = new List<JournalBatch>();
        if (!File.Exists(path))
        {
            return batches;
        }

        var bytes = File.ReadAllBytes(path);
        var offset = 0;
        while (offset + JournalCodec.HeaderSize <= bytes.Length)
        {
            var header = bytes.AsSpan(offset, JournalCodec.HeaderSize);
            var length = JournalCodec.PayloadLength(header);
            if (length < 0 || offset + JournalCodec.HeaderSize + length > bytes.Length)
            {
                break;
            }

            var payload = bytes.AsSpan(offset + JournalCodec.HeaderSize, length).ToArray();
            if (!JournalCodec.IsIntact(header, payload))
            {
                break;
            }

            batches.Add(JournalCodec.Decode(offset, payload));
            offset += JournalCodec.HeaderSize + length;
        }

        return batches;
    }
}
