namespace Falco.Actors.Json.Parsing;

/// <summary>
/// Re-layouts of JSON text that keep every token's bytes as written (string escapes and number spellings are not
/// re-encoded): compact (Go's <c>json.Compact</c> / fastjson marshalling of parsed values) and indented
/// (Go's <c>json.Indent</c> with a two-space indent).
/// </summary>
public static class JsonText
{
    /// <summary>Copies <paramref name="json"/> without whitespace outside strings; returns the bytes written.</summary>
    public static int WriteCompact(ReadOnlySpan<byte> json, Span<byte> destination)
    {
        var n = 0;
        var inString = false;
        var escape = false;
        foreach (var b in json)
        {
            if (inString)
            {
                destination[n++] = b;
                if (escape)
                {
                    escape = false;
                }
                else if (b == '\\')
                {
                    escape = true;
                }
                else if (b == '"')
                {
                    inString = false;
                }
                continue;
            }
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }
            inString = b == '"';
            destination[n++] = b;
        }
        return n;
    }

    /// <summary>Number of bytes <see cref="WriteIndented"/> writes for <paramref name="json"/>.</summary>
    public static int IndentedLength(ReadOnlySpan<byte> json) => Indent(json, Span<byte>.Empty, measure: true);

    /// <summary>
    /// Writes <paramref name="json"/> indented like Go's <c>json.Indent(dst, src, "", "  ")</c>: one member or element
    /// per line, <c>": "</c> after names, empty containers kept as <c>{}</c>/<c>[]</c>. Returns the bytes written.
    /// </summary>
    public static int WriteIndented(ReadOnlySpan<byte> json, Span<byte> destination) =>
        Indent(json, destination, measure: false);

    private static int Indent(ReadOnlySpan<byte> json, Span<byte> dst, bool measure)
    {
        var n = 0;
        var depth = 0;
        var inString = false;
        var escape = false;
        // An opening bracket's newline is delayed until we know the container is not empty.
        var pendingNewline = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                Put(dst, ref n, b, measure);
                if (escape)
                {
                    escape = false;
                }
                else if (b == '\\')
                {
                    escape = true;
                }
                else if (b == '"')
                {
                    inString = false;
                }
                continue;
            }
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }
            if (pendingNewline)
            {
                pendingNewline = false;
                if (b is (byte)'}' or (byte)']')
                {
                    depth--;
                    Put(dst, ref n, b, measure);
                    continue;
                }
                NewLine(dst, ref n, depth, measure);
            }
            switch (b)
            {
                case (byte)'{':
                case (byte)'[':
                    Put(dst, ref n, b, measure);
                    depth++;
                    pendingNewline = true;
                    break;
                case (byte)'}':
                case (byte)']':
                    depth--;
                    NewLine(dst, ref n, depth, measure);
                    Put(dst, ref n, b, measure);
                    break;
                case (byte)',':
                    Put(dst, ref n, b, measure);
                    NewLine(dst, ref n, depth, measure);
                    break;
                case (byte)':':
                    Put(dst, ref n, b, measure);
                    Put(dst, ref n, (byte)' ', measure);
                    break;
                default:
                    inString = b == '"';
                    Put(dst, ref n, b, measure);
                    break;
            }
        }
        return n;
    }

    private static void NewLine(Span<byte> dst, ref int n, int depth, bool measure)
    {
        Put(dst, ref n, (byte)'\n', measure);
        for (var i = 0; i < depth; i++)
        {
            Put(dst, ref n, (byte)' ', measure);
            Put(dst, ref n, (byte)' ', measure);
        }
    }

    private static void Put(Span<byte> dst, ref int n, byte b, bool measure)
    {
        if (!measure)
        {
            dst[n] = b;
        }
        n++;
    }
}
