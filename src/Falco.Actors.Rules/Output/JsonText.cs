using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Falco.Actors.Rules.Output;

/// <summary>
/// JSON text as nlohmann::json's <c>dump()</c> writes it (Falco's alert serializer): compact, non-ASCII kept as
/// UTF-8, only <c>"</c>, <c>\</c> and control characters escaped, the latter as <c>\b \f \n \r \t</c> or
/// <c>\u00xx</c> in lower-case hex.
/// </summary>
public static class JsonText
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A JSON document written with <see cref="Utf8JsonWriter"/>, as one compact string with non-ASCII text kept as
    /// is, as Falco's JSON keeps it (the CLI's JSON answers, /versions, the metrics snapshot).
    /// </summary>
    public static string Document(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Relaxed))
        {
            write(json);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void AppendString(StringBuilder into, string value)
    {
        into.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': into.Append("\\\""); break;
                case '\\': into.Append("\\\\"); break;
                case < (char)0x20: into.Append(ControlEscape(c)); break;
                default: into.Append(c); break;
            }
        }
        into.Append('"');
    }

    /// <summary>Re-writes one JSON value (as System.Text.Json wrote it) with nlohmann's escaping.</summary>
    public static void AppendJsonValue(StringBuilder into, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var needComma = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    Separate(into, ref needComma);
                    into.Append('[');
                    break;
                case JsonTokenType.EndArray:
                    into.Append(']');
                    needComma = true;
                    break;
                case JsonTokenType.String:
                    Separate(into, ref needComma);
                    AppendString(into, reader.GetString()!);
                    needComma = true;
                    break;
                case JsonTokenType.Number:
                    Separate(into, ref needComma);
                    into.Append(Encoding.UTF8.GetString(reader.ValueSpan));
                    needComma = true;
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    Separate(into, ref needComma);
                    into.Append(reader.GetBoolean() ? "true" : "false");
                    needComma = true;
                    break;
                case JsonTokenType.Null:
                    Separate(into, ref needComma);
                    into.Append("null");
                    needComma = true;
                    break;
                default:
                    throw new InvalidOperationException($"unexpected JSON token {reader.TokenType} in an output field");
            }
        }
    }

    private static void Separate(StringBuilder into, ref bool needComma)
    {
        if (needComma)
        {
            into.Append(',');
        }
        needComma = false;
    }

    internal static string ControlEscape(char c) => c switch
    {
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => $"\\u{(int)c:x4}",
    };
}
