using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using MarrowBot.Knowledge.Triage;

namespace MarrowBot.Bot.Transcripts.Journal;

/// <summary>
/// How a journal record is laid out: a 12-byte header (magic, payload length, CRC-32 of the length and payload) and
/// the payload (activities, then escalation marks). A record whose header or checksum does not hold is where a write
/// was cut short (the process killed mid-append): it and anything after it are ignored, never the records before.
/// </summary>
public static class JournalCodec
{
    public const int HeaderSize = 12;

    /// <summary>"MBJ1": a record starts here.</summary>
    private const uint Magic = 0x314A424D;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The whole record (header and payload) for <paramref name="records"/> and <paramref name="escalations"/>.</summary>
    public static byte[] Encode(IReadOnlyList<TranscriptRecord> records, IReadOnlyList<EscalationMark> escalations)
    {
        using var payload = new MemoryStream();
        payload.Write(new byte[HeaderSize]);
        using (var writer = new BinaryWriter(payload, Utf8, leaveOpen: true))
        {
            writer.Write(records.Count);
            writer.Write(escalations.Count);
            foreach (var record in records)
            {
                WriteRecord(writer, record);
            }

            foreach (var mark in escalations)
            {
                writer.Write(mark.ChannelId);
                writer.Write(mark.ConversationId);
                writer.Write((byte)mark.Tier);
                writer.Write(mark.At.UtcTicks);
            }
        }

        var bytes = payload.ToArray();
        var header = bytes.AsSpan(0, HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], bytes.Length - HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Checksum(bytes.AsSpan(4, 4), bytes.AsSpan(HeaderSize)));
        return bytes;
    }

    /// <summary>The payload length a header announces, or -1 when it is not a record header.</summary>
    public static int PayloadLength(ReadOnlySpan<byte> header) =>
        header.Length >= HeaderSize && BinaryPrimitives.ReadUInt32LittleEndian(header) == Magic && BinaryPrimitives.ReadInt32LittleEndian(header[4..]) is var length and >= 8
            ? length
            : -1;

    /// <summary>Whether the payload matches the header's checksum.</summary>
    public static bool IsIntact(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload) =>
        BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) == Checksum(header.Slice(4, 4), payload);

    /// <summary>How many activities and escalation marks a payload holds, without reading them.</summary>
    public static (int Records, int Escalations) Counts(ReadOnlySpan<byte> payload) =>
        (BinaryPrimitives.ReadInt32LittleEndian(payload), BinaryPrimitives.ReadInt32LittleEndian(payload[4..]));

    public static JournalBatch Decode(long offset, byte[] payload)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Utf8);
        var recordCount = reader.ReadInt32();
        var markCount = reader.ReadInt32();
        var records = new List<TranscriptRecord>(recordCount);
        for (var i = 0; i < recordCount; i++)
        {
            records.Add(ReadRecord(reader));
        }

        var marks = new List<EscalationMark>(markCount);
        for (var i = 0; i < markCount; i++)
        {
            marks.Add(new EscalationMark(reader.ReadString(), reader.ReadString(), (TriageTier)reader.ReadByte(), new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero)));
        }

        return new JournalBatch(offset, records, marks);
    }

    private static uint Checksum(ReadOnlySpan<byte> length, ReadOnlySpan<byte> payload)
    {
        var crc = new Crc32();
        crc.Append(length);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }

    private static void WriteRecord(BinaryWriter writer, TranscriptRecord record)
    {
        writer.Write(record.ChannelId);
        writer.Write(record.ConversationId);
        writer.Write(record.ActivityId);
        writer.Write(record.Timestamp.UtcTicks);
        writer.Write((short)record.Timestamp.Offset.TotalMinutes);
        WriteOptional(writer, record.FromRole);
        writer.Write(record.Type);
        WriteOptional(writer, record.OutcomeKind);
        writer.Write(record.Triage is { } tier ? (sbyte)tier : (sbyte)-1);
        WriteList(writer, record.ReactionsAdded);
        WriteList(writer, record.ReactionsRemoved);
        writer.Write(record.Json);
    }

    private static TranscriptRecord ReadRecord(BinaryReader reader)
    {
        var channel = reader.ReadString();
        var conversation = reader.ReadString();
        var activity = reader.ReadString();
        var ticks = reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        var role = ReadOptional(reader);
        var type = reader.ReadString();
        var kind = ReadOptional(reader);
        var tier = reader.ReadSByte();
        var added = ReadList(reader);
        var removed = ReadList(reader);
        var json = reader.ReadString();
        return new TranscriptRecord(
            channel, conversation, activity, new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset), role, type, kind,
            tier < 0 ? null : (TriageTier)tier, added, removed, json);
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static void WriteList(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static List<string> ReadList(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var values = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            values.Add(reader.ReadString());
        }

        return values;
    }
}
