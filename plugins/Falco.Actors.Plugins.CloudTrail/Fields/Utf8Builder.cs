using System.Buffers.Text;
using Falco.Actors.Json.Parsing;

namespace Falco.Actors.Plugins.CloudTrail.Fields;

/// <summary>Appends UTF-8 pieces into a span sized beforehand (an upper bound), without allocating.</summary>
internal ref struct Utf8Builder(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;

    public int Length { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination[Length..]);
        Length += bytes.Length;
    }

    /// <summary>A string node's decoded text.</summary>
    public void Append(JsonTape tape, int node) => Length += tape.CopyString(node, _destination[Length..]);

    public void Append(ulong number)
    {
        Utf8Formatter.TryFormat(number, _destination[Length..], out var written);
        Length += written;
    }

    public void Append(bool value) => Append(value ? "true"u8 : "false"u8);
}
