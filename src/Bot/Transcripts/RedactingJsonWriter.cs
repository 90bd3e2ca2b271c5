using System.Globalization;
using System.Numerics;
using MarrowBot.Knowledge.Privacy;
using Newtonsoft.Json;

namespace MarrowBot.Bot.Transcripts;

/// <summary>
/// A JSON writer that redacts a person's activity as it is serialised, in front of the writer that produces the
/// stored text (or a <see cref="Newtonsoft.Json.Linq.JTokenWriter"/>): it keeps the path of every value ("from.name",
/// "entities[].mentioned.name", "[]" for any array element) and applies <see cref="ActivityRedaction"/>'s rules to
/// each string, number and date on its way through, so what was a JSON round trip and a second serialisation per
/// activity is one serialisation. Every value written passes through one of the overrides below; a write it cannot
/// check (raw JSON text, a constructor) is parsed and checked or refused, never passed on unchecked.
/// </summary>
internal sealed class RedactingJsonWriter(JsonWriter inner, PiiRedactor redactor) : JsonWriter
{
    private const string AttachmentElement = "attachments[]";

    private readonly List<Frame> _frames = [];
    private char[] _path = new char[128];
    private int _length;
    private bool _skipping;
    private int _skipDepth;

    public override void Flush() => inner.Flush();

    public override void Close()
    {
        inner.Close();
        base.Close();
    }

    public override void WriteStartObject()
    {
        if (Skipped(opens: true))
        {
            return;
        }

        // An attachment is kept as its type and redacted name only: its content can be anything.
        var attachment = InAttachmentList();
        _frames.Add(new Frame(ValuePathLength(), IsArray: false, IsAttachment: attachment));

        inner.WriteStartObject();
    }

    public override void WriteStartArray()
    {
        if (Skipped(opens: true))
        {
            return;
        }

        if (InAttachmentList())
        {
            // Not an attachment object: stored as null, as the JSON walk did.
            inner.WriteNull();
            _skipping = true;
            _skipDepth = 1;
            return;
        }

        _length = ValuePathLength();
        Append("[]");
        _frames.Add(new Frame(_length, IsArray: true, IsAttachment: false));
        inner.WriteStartArray();
    }

    public override void WriteEndObject() => End(() => inner.WriteEndObject());

    public override void WriteEndArray() => End(() => inner.WriteEndArray());

    public override void WriteEnd() => End(() => inner.WriteEnd());

    public override void WritePropertyName(string name) => WritePropertyName(name, escape: true);

    public override void WritePropertyName(string name, bool escape)
    {
        if (_skipping)
        {
            return;
        }

        var frame = _frames.Count > 0 ? _frames[^1] : default;
        _length = frame.PathLength;
        if (_length > 0)
        {
            Append(".");
        }

        Append(name);
        if (frame.IsAttachment && name is not ("contentType" or "name"))
        {
            _skipping = true;
            _skipDepth = 0;
            return;
        }

        inner.WritePropertyName(name, escape);
    }

    public override void WriteNull()
    {
        if (!Skipped(opens: false))
        {
            inner.WriteNull();
        }
    }

    public override void WriteUndefined()
    {
        if (!Skipped(opens: false))
        {
            inner.WriteUndefined();
        }
    }

    public override void WriteValue(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        if (Skipped(opens: false))
        {
            return;
        }

        switch (Classify())
        {
            case Kind.Structural:
                inner.WriteValue(value);
                break;
            case Kind.Name:
                inner.WriteValue(ActivityRedaction.NamePlaceholder);
                break;
            case Kind.DroppedAttachment:
                inner.WriteNull();
                break;
            default:
                inner.WriteValue(ActivityRedaction.RedactText(value, redactor));
                break;
        }
    }

    public override void WriteValue(char value) => WriteValue(value.ToString());

    public override void WriteValue(Uri? value)
    {
        if (value is null)
        {
            WriteNull();
        }
        else
        {
            WriteValue(value.OriginalString);
        }
    }

    public override void WriteValue(bool value) => WriteOther(value, (w, v) => w.WriteValue(v));

    public override void WriteValue(Guid value) => WriteOther(value, (w, v) => w.WriteValue(v));

    public override void WriteValue(TimeSpan value) => WriteOther(value, (w, v) => w.WriteValue(v));

    public override void WriteValue(byte[]? value)
    {
        if (value is null)
        {
            WriteNull();
        }
        else
        {
            WriteOther(value, (w, v) => w.WriteValue(v));
        }
    }

    public override void WriteValue(int value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(uint value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(long value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(ulong value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(short value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(ushort value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(byte value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(sbyte value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(float value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(double value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(decimal value) => WriteNumber(value, JsonConvert.ToString(value), (w, v) => w.WriteValue(v));

    public override void WriteValue(DateTime value) => WriteNumber(value, value.ToString("O", CultureInfo.InvariantCulture), (w, v) => w.WriteValue(v));

    public override void WriteValue(DateTimeOffset value) => WriteNumber(value, value.ToString("O", CultureInfo.InvariantCulture), (w, v) => w.WriteValue(v));

    public override void WriteValue(object? value)
    {
        if (value is BigInteger big)
        {
            WriteNumber(big, big.ToString(CultureInfo.InvariantCulture), (w, v) => w.WriteValue(v));
            return;
        }

        // Anything else is dispatched by type to the overloads above.
        base.WriteValue(value);
    }

    /// <summary>Raw JSON (a JRaw value) is parsed and written through this writer, so it is redacted like the rest.</summary>
    public override void WriteRawValue(string? json)
    {
        if (json is null)
        {
            WriteNull();
            return;
        }

        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        Newtonsoft.Json.Linq.JToken.ReadFrom(reader).WriteTo(this);
    }

    public override void WriteRaw(string? json) => throw new NotSupportedException("Raw JSON fragments cannot be redacted.");

    public override void WriteStartConstructor(string name) => throw new NotSupportedException("JSON constructors cannot be redacted.");

    public override void WriteComment(string? text)
    {
        // Comments carry nothing the store needs.
    }

    private void WriteOther<T>(T value, Action<JsonWriter, T> write)
    {
        if (Skipped(opens: false))
        {
            return;
        }

        switch (Classify())
        {
            case Kind.Name:
                inner.WriteValue(ActivityRedaction.NamePlaceholder);
                break;
            case Kind.DroppedAttachment:
                inner.WriteNull();
                break;
            default:
                write(inner, value);
                break;
        }
    }

    /// <summary>A number or date is redacted too when its text holds personal data (an NHS number sent as a number); otherwise written as it was.</summary>
    private void WriteNumber<T>(T value, string text, Action<JsonWriter, T> write)
    {
        if (Skipped(opens: false))
        {
            return;
        }

        switch (Classify())
        {
            case Kind.Structural:
                write(inner, value);
                break;
            case Kind.Name:
                inner.WriteValue(ActivityRedaction.NamePlaceholder);
                break;
            case Kind.DroppedAttachment:
                inner.WriteNull();
                break;
            default:
                var redacted = redactor.Redact(text);
                if (string.Equals(redacted, text, StringComparison.Ordinal))
                {
                    write(inner, value);
                }
                else
                {
                    inner.WriteValue(redacted);
                }

                break;
        }
    }

    private void End(Action end)
    {
        if (Skipped(opens: false, closes: true))
        {
            return;
        }

        if (_frames.Count > 0)
        {
            var frame = _frames[^1];
            _frames.RemoveAt(_frames.Count - 1);
            _length = frame.IsArray ? frame.PathLength - 2 : frame.PathLength;
        }

        end();
    }

    /// <summary>While a dropped value (an attachment's content) is being written, swallows it; true when this write belongs to it.</summary>
    private bool Skipped(bool opens, bool closes = false)
    {
        if (!_skipping)
        {
            return false;
        }

        if (opens)
        {
            _skipDepth++;
        }
        else if (closes)
        {
            _skipDepth--;
        }

        if (_skipDepth <= 0)
        {
            _skipping = false;
        }

        return true;
    }

    private bool InAttachmentList() =>
        _frames.Count > 0 && _frames[^1].IsArray && _path.AsSpan(0, _frames[^1].PathLength).SequenceEqual(AttachmentElement);

    /// <summary>The path of the value about to be written: an array's element path, or the property just named.</summary>
    private int ValuePathLength()
    {
        if (_frames.Count > 0 && _frames[^1].IsArray)
        {
            _length = _frames[^1].PathLength;
        }
        else if (_frames.Count == 0)
        {
            _length = 0;
        }

        return _length;
    }

    private Kind Classify()
    {
        if (InAttachmentList())
        {
            return Kind.DroppedAttachment;
        }

        var path = _path.AsSpan(0, ValuePathLength());
        return ActivityRedaction.NameLookup.Contains(path) ? Kind.Name
            : ActivityRedaction.StructuralLookup.Contains(path) ? Kind.Structural
            : Kind.Redacted;
    }

    private void Append(string text)
    {
        if (_length + text.Length > _path.Length)
        {
            Array.Resize(ref _path, Math.Max(_path.Length * 2, _length + text.Length));
        }

        text.CopyTo(_path.AsSpan(_length));
        _length += text.Length;
    }

    private enum Kind
    {
        Redacted,
        Structural,
        Name,
        DroppedAttachment,
    }

    /// <summary>An open object or array: the path of its values (an array's ends in "[]") and whether it is an attachment.</summary>
    private readonly record struct Frame(int PathLength, bool IsArray, bool IsAttachment);
}
