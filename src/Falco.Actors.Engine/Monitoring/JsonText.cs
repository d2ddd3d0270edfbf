using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>A JSON document written with <see cref="Utf8JsonWriter"/>, as a string (non-ASCII text kept as is, as Falco's JSON).</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
