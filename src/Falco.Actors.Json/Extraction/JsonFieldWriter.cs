using System.Buffers.Text;
using Falco.Actors.Json.Parsing;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Json.Extraction;

/// <summary>
/// Writes tape nodes into <see cref="FieldValues"/> as UTF-8, straight into the value arena (no string is created).
/// </summary>
public static class JsonFieldWriter
{
    /// <summary>A string node's decoded text; -1 nodes are skipped. Returns true when a value was added.</summary>
    public static bool AddString(FieldValues values, int slot, JsonTape tape, int node)
    {
        if (node < 0 || tape.Kind(node) != JsonKind.String)
        {
            return false;
        }
        if (tape.IsPlainText(node))
        {
            values.AddBytes(slot, tape.Raw(node));
            return true;
        }
        var span = values.AddBytes(slot, tape.DecodedLengthBound(node));
        values.TrimLast(slot, tape.CopyString(node, span));
        return true;
    }

    /// <summary>
    /// Go's <c>GetStringBytes</c> as the CloudTrail plugin uses it: a string node gives its text, any other present
    /// node a present empty text, a missing node nothing.
    /// </summary>
    public static bool AddStringOrEmpty(FieldValues values, int slot, JsonTape tape, int node)
    {
        if (node < 0)
        {
            return false;
        }
        if (!AddString(values, slot, tape, node))
        {
            values.AddBytes(slot, ReadOnlySpan<byte>.Empty);
        }
        return true;
    }

    /// <summary>The node's JSON text without insignificant whitespace.</summary>
    public static bool AddCompact(FieldValues values, int slot, JsonTape tape, int node)
    {
        if (node < 0)
        {
            return false;
        }
        var json = tape.Json(node);
        var span = values.AddBytes(slot, json.Length);
        values.TrimLast(slot, JsonText.WriteCompact(json, span));
        return true;
    }

    /// <summary>Decimal text of an unsigned number.</summary>
    public static void AddDecimal(FieldValues values, int slot, ulong number)
    {
        var span = values.AddBytes(slot, 20);
        Utf8Formatter.TryFormat(number, span, out var written);
        values.TrimLast(slot, written);
    }
}
