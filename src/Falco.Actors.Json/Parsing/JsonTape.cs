using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace Falco.Actors.Json.Parsing;

/// <summary>
/// A JSON document parsed once into a flat table of nodes (a "tape") that point back into the original bytes:
/// nothing is decoded or copied, so a lookup returns the value's own bytes. Nodes are in document order; a
/// container's children follow it and <see cref="End"/> is the index just after its subtree, which makes skipping a
/// subtree O(1). The tables only grow, so re-parsing into the same tape allocates nothing in steady state.
/// </summary>
public sealed partial class JsonTape
{
    // One array of node records: a node's fields share a cache line and one bounds check.
    private Node[] _nodes = new Node[256];
    // The root object's member names (node, and name length or -1 when escaped), in order: most lookups start at
    // the root, and scanning these compact arrays avoids walking the tape from sibling to sibling.
    private int[] _rootNames = new int[64];
    private int[] _rootLengths = new int[64];
    private int _rootCount;
    private int[] _stack = new int[64];
    // The source's array when it has one, so node spans are cut without ReadOnlyMemory.Span's checks per lookup.
    private byte[]? _array;
    private int _arrayOffset;

    /// <summary>The parsed bytes (valid while the event's payload is).</summary>
    public ReadOnlyMemory<byte> Source { get; private set; }

    /// <summary>False when the last <see cref="Parse"/> met text that is not one JSON value.</summary>
    public bool IsValid { get; private set; }

    /// <summary>Why the last <see cref="Parse"/> refused its text (null when valid), for reports.</summary>
    public string? Error => IsValid ? null : _tooDeep ? TooDeepError : "not valid JSON";

    /// <summary>The <see cref="Error"/> of a text nested deeper than <see cref="MaxDepth"/>.</summary>
    public static readonly string TooDeepError = $"nested deeper than {MaxDepth} levels";

    private bool _tooDeep;

    /// <summary>Number of nodes; the root, when valid, is node 0.</summary>
    public int Count { get; private set; }

    public const int Root = 0;

    /// <summary>
    /// Parses <paramref name="json"/> (trailing NUL bytes ignored, as Falco's Go plugins trim them). Returns
    /// <see cref="IsValid"/>.
    /// </summary>
    public bool Parse(ReadOnlyMemory<byte> json)
    {
        var span = json.Span;
        var length = span.Length;
        while (length > 0 && span[length - 1] == 0)
        {
            length--;
        }
        Source = json[..length];
        if (MemoryMarshal.TryGetArray(Source, out var segment))
        {
            _array = segment.Array;
            _arrayOffset = segment.Offset;
        }
        else
        {
            _array = null;
        }
        Count = 0;
        _rootCount = 0;
        _tooDeep = false;
        IsValid = Fill(Source.Span) && Count > 0;
        if (!IsValid)
        {
            Count = 0;
        }
        return IsValid;
    }

    public JsonKind Kind(int node) => _nodes[node].Kind;

    /// <summary>
    /// The node's raw bytes: a string's or property name's content between the quotes (still escaped), a number's
    /// or literal's text, a container's whole text from its opening to its closing bracket.
    /// </summary>
    public ReadOnlySpan<byte> Raw(int node) => _array is { } array
        ? new ReadOnlySpan<byte>(array, _arrayOffset + _nodes[node].Start, _nodes[node].Length)
        : Source.Span.Slice(_nodes[node].Start, _nodes[node].Length);

    /// <summary>The node's JSON text: <see cref="Raw"/>, with its quotes for a string.</summary>
    public ReadOnlySpan<byte> Json(int node) => _nodes[node].Kind == JsonKind.String
        ? Source.Span.Slice(_nodes[node].Start - 1, _nodes[node].Length + 2)
        : Raw(node);

    /// <summary>True when a string or property name contains escape sequences.</summary>
    public bool IsEscaped(int node) => _nodes[node].Escaped;

    /// <summary>Offset of the node's raw bytes in <see cref="Source"/>.</summary>
    public int Start(int node) => _nodes[node].Start;

    /// <summary>The index just after the node's subtree: its next sibling, or its parent's end.</summary>
    public int End(int node) => _nodes[node].End;

    /// <summary>The value of member <paramref name="name"/> of an object node (the first one if repeated), or -1.</summary>
    public int Property(int node, ReadOnlySpan<byte> name)
    {
        if (!Has(node) || _nodes[node].Kind != JsonKind.Object)
        {
            return -1;
        }
        if (node == Root && IsValid)
        {
            var names = _rootNames;
            var lengths = _rootLengths;
            for (var k = 0; k < _rootCount; k++)
            {
                var length = lengths[k];
                if ((length == name.Length || length < 0) && NameEquals(names[k], name))
                {
                    return names[k] + 1;
                }
            }
            return -1;
        }
        var end = _nodes[node].End;
        for (var i = node + 1; i < end; i = _nodes[i + 1].End)
        {
            if (NameEquals(i, name))
            {
                return i + 1;
            }
        }
        return -1;
    }

    /// <summary>Member lookup along a path of names, or -1 as soon as one is missing.</summary>
    public int Path(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => Property(Property(Root, a), b);

    public int Path(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c) => Property(Path(a, b), c);

    /// <summary>Element <paramref name="index"/> of an array node, or -1.</summary>
    public int Element(int node, int index)
    {
        if (!Has(node) || _nodes[node].Kind != JsonKind.Array || index < 0)
        {
            return -1;
        }
        var end = _nodes[node].End;
        for (var i = node + 1; i < end; i = _nodes[i].End)
        {
            if (index-- == 0)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>First element of an array node, or -1 when there is none; continue with <see cref="NextElement"/>.</summary>
    public int FirstElement(int array) =>
        Has(array) && _nodes[array].Kind == JsonKind.Array && array + 1 < _nodes[array].End ? array + 1 : -1;

    public int NextElement(int array, int element) => _nodes[element].End < _nodes[array].End ? _nodes[element].End : -1;

    /// <summary>True when a string node's decoded text equals <paramref name="text"/>.</summary>
    public bool StringEquals(int node, ReadOnlySpan<byte> text) =>
        Has(node) && _nodes[node].Kind == JsonKind.String && TextEquals(node, text);

    /// <summary>
    /// Copies a string node's decoded (unescaped) UTF-8 text into <paramref name="destination"/>, which must hold
    /// <see cref="DecodedLengthBound"/> bytes; escapes and invalid UTF-8 decode as <see cref="JsonEscapes"/> says.
    /// </summary>
    public int CopyString(int node, Span<byte> destination)
    {
        var raw = Raw(node);
        if (!_nodes[node].Escaped && Utf8.IsValid(raw))
        {
            raw.CopyTo(destination);
            return raw.Length;
        }
        return JsonEscapes.Decode(raw, destination);
    }

    /// <summary>
    /// Whether a string node's text is its raw bytes as they are (no escape, valid UTF-8), so a caller may use
    /// <see cref="Raw"/> without <see cref="CopyString"/>.
    /// </summary>
    public bool IsPlainText(int node) => !_nodes[node].Escaped && Utf8.IsValid(Raw(node));

    /// <summary>
    /// The most bytes <see cref="CopyString"/> writes for a string node, or for all the strings of a container: its
    /// raw length (escapes never lengthen text), or three times that when it holds invalid UTF-8 (each invalid byte
    /// becomes U+FFFD, as in Go).
    /// </summary>
    public int DecodedLengthBound(int node)
    {
        var raw = Raw(node);
        return Utf8.IsValid(raw) ? raw.Length : JsonEscapes.MaxDecodedLength(raw.Length);
    }

    // -1 (missing) and the stale nodes of a refused parse are no node: lookups on them find nothing.
    private bool Has(int node) => (uint)node < (uint)Count;

    // An unescaped name of another length cannot match: most members are told apart without reading their bytes.
    private bool NameEquals(int node, ReadOnlySpan<byte> name) =>
        _nodes[node].Escaped ? TextEquals(node, name) : _nodes[node].Length == name.Length && Raw(node).SequenceEqual(name);

    private bool TextEquals(int node, ReadOnlySpan<byte> text)
    {
        if (!_nodes[node].Escaped)
        {
            // The texts compared with are valid UTF-8: equal raw bytes are equal texts, and valid raw bytes are the text.
            var raw = Raw(node);
            if (raw.SequenceEqual(text))
            {
                return true;
            }
            if (Utf8.IsValid(raw))
            {
                return false;
            }
        }
        // A long escaped (or invalid UTF-8) string is rare enough to allocate.
        var length = DecodedLengthBound(node);
        Span<byte> decoded = length <= 512 ? stackalloc byte[length] : new byte[length];
        var n = CopyString(node, decoded);
        return decoded[..n].SequenceEqual(text);
    }

    private void AddRootName(int node, int length)
    {
        if (_rootCount == _rootNames.Length)
        {
            Array.Resize(ref _rootNames, _rootCount * 2);
            Array.Resize(ref _rootLengths, _rootCount * 2);
        }
        _rootNames[_rootCount] = node;
        _rootLengths[_rootCount++] = length;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Push(ref int depth, int node)
    {
        if (depth == _stack.Length)
        {
            Array.Resize(ref _stack, _stack.Length * 2);
        }
        _stack[depth++] = node;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int Add(JsonKind kind, int start, int length, bool escaped)
    {
        if (Count == _nodes.Length)
        {
            Array.Resize(ref _nodes, Count * 2);
        }
        var i = Count++;
        _nodes[i] = new Node(start, length, i + 1, kind, escaped);
        return i;
    }

    private struct Node(int start, int length, int end, JsonKind kind, bool escaped)
    {
        public int Start = start;
        public int Length = length;
        public int End = end;
        public JsonKind Kind = kind;
        public bool Escaped = escaped;
    }
}
