using System.Buffers.Text;
using System.Text;

namespace Falco.Actors.Json.Parsing;

/// <summary>
/// A JSON pointer (RFC 6901) compiled once from a field argument, as the json plugin reads it: a leading <c>/</c> is
/// dropped (a pointer without one works the same), the rest is split on <c>/</c>, and in each segment <c>~1</c>
/// becomes <c>/</c> then <c>~0</c> becomes <c>~</c>. A segment is a member name, or an element index when the node
/// reached is an array. The empty pointer designates the whole document.
/// </summary>
public sealed class JsonPointer
{
    private readonly byte[][] _segments;

    private JsonPointer(string text, byte[][] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public static JsonPointer Compile(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }
        var body = text.StartsWith('/') ? text[1..] : text;
        var segments = body.Split('/')
            .Select(s => Encoding.UTF8.GetBytes(s.Replace("~1", "/").Replace("~0", "~")))
            .ToArray();
        return new JsonPointer(text, segments);
    }

    /// <summary>The node the pointer designates in <paramref name="tape"/>, or -1 when the path does not exist.</summary>
    public int Resolve(JsonTape tape)
    {
        if (!tape.IsValid)
        {
            return -1;
        }
        var node = JsonTape.Root;
        foreach (var segment in _segments)
        {
            node = tape.Kind(node) switch
            {
                JsonKind.Object => tape.Property(node, segment),
                JsonKind.Array => Utf8Parser.TryParse(segment, out int index, out var used) && used == segment.Length
                    ? tape.Element(node, index)
                    : -1,
                _ => -1,
            };
            if (node < 0)
            {
                return -1;
            }
        }
        return node;
    }
}
