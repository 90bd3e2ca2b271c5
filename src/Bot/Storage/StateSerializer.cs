using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MarrowBot.Bot.Storage;

/// <summary>
/// How state values become rows and back, shared by the SQLite and PostgreSQL stores. Values are JSON with "$type"
/// (as Bot Builder's MemoryStorage stores them), so that ConversationState's dictionary of properties comes back
/// with each property as its own type. The ETag lives in its own column, not in the JSON.
/// </summary>
public static class StateSerializer
{
    /// <summary>The property name Bot Builder uses for an ETag in JSON.</summary>
    public const string ETagProperty = "eTag";

    /// <summary>
    /// The serializer for state values: type names on everything (MemoryStorage's settings), type names checked on
    /// reading (<see cref="StateTypeBinder"/>), "$type" found wherever it is in an object.
    /// </summary>
    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.All,
        SerializationBinder = new StateTypeBinder(),
        MetadataPropertyHandling = MetadataPropertyHandling.ReadAhead,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        NullValueHandling = NullValueHandling.Include,
        MaxDepth = 128,
    });

    /// <summary>The JSON to store for <paramref name="value"/>, without any ETag it carries.</summary>
    public static string Serialize(object value)
    {
        var token = JToken.FromObject(value, Serializer);
        if (token is JObject json)
        {
            foreach (var property in json.Properties().Where(p => string.Equals(p.Name, ETagProperty, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                property.Remove();
            }
        }

        return token.ToString(Formatting.None);
    }

    /// <summary>A stored value, with <paramref name="etag"/> attached where the value can carry one.</summary>
    public static object Deserialize(string json, string etag)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
        var value = Serializer.Deserialize(reader) ?? throw new JsonSerializationException("A stored state value is null.");
        AttachETag(value, etag);
        return value;
    }

    /// <summary>
    /// The ETag a write of <paramref name="value"/> expects to replace, and whether the write is checked at all.
    /// Store items (<see cref="IStoreItem"/>) and Bot Builder state (a dictionary of properties, or its JSON) are
    /// checked: their ETag is the one they were read with, null when they were never read (so the key must still be
    /// free), or "*" to overwrite whatever is there. Any other value is written unconditionally, as MemoryStorage does.
    /// </summary>
    public static bool TryGetExpectedETag(object value, out string? etag)
    {
        switch (value)
        {
            case IStoreItem item:
                etag = item.ETag;
                return true;
            case IDictionary<string, object> properties:
                etag = properties.TryGetValue(ETagProperty, out var stored) ? stored as string : null;
                return true;
            case JObject json:
                etag = json.TryGetValue(ETagProperty, StringComparison.OrdinalIgnoreCase, out var token) ? token.Value<string>() : null;
                return true;
            default:
                etag = null;
                return false;
        }
    }

    /// <summary>
    /// Puts the ETag a value now has into it, so that the next write of the same object (BotState saves its
    /// dictionary again after a later change in the same turn) expects the right one.
    /// </summary>
    public static void AttachETag(object value, string etag)
    {
        switch (value)
        {
            case IStoreItem item:
                item.ETag = etag;
                break;
            case IDictionary<string, object> properties:
                properties[ETagProperty] = etag;
                break;
            case JObject json:
                json[ETagProperty] = etag;
                break;
        }
    }

    /// <summary>A fresh ETag for a write.</summary>
    public static string NewETag() => Guid.NewGuid().ToString("N");

    /// <summary>Whether a write expecting <paramref name="expected"/> may replace a row holding <paramref name="current"/> (null: no row).</summary>
    public static bool Matches(string? expected, string? current) =>
        current is null || expected == "*" || string.Equals(expected, current, StringComparison.Ordinal);
}
