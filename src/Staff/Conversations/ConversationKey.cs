using System.Buffers.Text;
using System.Text;

namespace MarrowBot.Staff.Conversations;

/// <summary>
/// A conversation's channel and id, and the one path segment that names it in the console's URLs: each part in
/// base64url, joined by '~' (which base64url never uses). Conversation ids carry ':', '@', ';', '|' and '/' (Teams,
/// Direct Line), which a plain path segment cannot hold safely.
/// </summary>
public sealed record ConversationKey(string ChannelId, string ConversationId)
{
    /// <summary>The path segment for this conversation.</summary>
    public string ToSegment() => $"{Encode(ChannelId)}~{Encode(ConversationId)}";

    /// <summary>The conversation a segment from <see cref="ToSegment"/> names; false for anything else.</summary>
    public static bool TryParse(string? segment, out ConversationKey key)
    {
        key = null!;
        var parts = segment?.Split('~');
        if (parts is not { Length: 2 } || !TryDecode(parts[0], out var channel) || !TryDecode(parts[1], out var conversation))
        {
            return false;
        }

        key = new ConversationKey(channel, conversation);
        return true;
    }

    /// <summary>An activity id as a path segment (base64url).</summary>
    public static string EncodeSegment(string value) => Encode(value);

    /// <summary>Reads a segment from <see cref="EncodeSegment"/>.</summary>
    public static bool TryDecodeSegment(string? segment, out string value) => TryDecode(segment, out value);

    private static string Encode(string value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    private static bool TryDecode(string? segment, out string value)
    {
        value = string.Empty;
        if (string.IsNullOrEmpty(segment) || segment.Length > 2048 || !Base64Url.IsValid(segment))
        {
            return false;
        }

        try
        {
            value = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(segment));
            return value.Length > 0;
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return false;
        }
    }
}
