using System.Text.Json;

namespace Falco.Actors.Plugins.Json.Parsing;

/// <summary>
/// A JSON document parsed once into a flat table of nodes (a "tape") that point back into the original bytes:
/// nothing is decoded or copied, so a lookup returns the value's own bytes. Nodes are in document order; a
/// container's children follow it and <see cref="End"/> is the index just after its subtree, which makes skipping a
/// subtree O(1). The tables only grow, so re-parsing into the same tape allocates nothing in steady state.
/// </summary>
public sealed class JsonTape
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 512 };

    private JsonKind[] _kinds = new JsonKind[256];
    private bool[] _escaped = new bool[256];
    private int[] _starts = new int[256];
    private int[] _lengths = new int[256];
    private int[] _ends = new int[256];
    private int[] _stack = new int[64];

    /// <summary>The parsed bytes (valid while the event's payload is).</summary>
    public ReadOnlyMemory<byte> Source { get; private set; }

    /// <summary>False when the last <see cref="Parse"/> met text that is not one JSON value.</summary>
    public bool IsValid { get; private set; }

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
        Count = 0;
        IsValid = false;
        try
        {
            IsValid = Fill(Source.Span) && Count > 0;
        }
        catch (JsonException)
        {
            Count = 0;
        }
        return IsValid;
    }

    public JsonKind Kind(int node) => _kinds[node];

    /// <summary>
    /// The node's raw bytes: a string's or property name's content between the quotes (still escaped), a number's
    /// or literal's text, a container's whole text from its opening to its closing bracket.
    /// </summary>
    public ReadOnlySpan<byte> Raw(int node) => Source.Span.Slice(_starts[node], _lengths[node]);

    /// <summary>True when a string or property name contains escape sequences.</summary>
    public bool IsEscaped(int node) => _escaped[node];

    /// <summary>Offset of the node's raw bytes in <see cref="Source"/>.</summary>
    public int Start(int node) => _starts[node];

    /// <summary>The index just after the node's subtree: its next sibling, or its parent's end.</summary>
    public int End(int node) => _ends[node];

    /// <summary>The value of member <paramref name="name"/> of an object node (the first one if repeated), or -1.</summary>
    public int Property(int node, ReadOnlySpan<byte> name)
    {
        if (node < 0 || _kinds[node] != JsonKind.Object)
        {
            return -1;
        }
        var end = _ends[node];
        for (var i = node + 1; i < end; i = _ends[i + 1])
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
        if (node < 0 || _kinds[node] != JsonKind.Array || index < 0)
        {
            return -1;
        }
        var end = _ends[node];
        for (var i = node + 1; i < end; i = _ends[i])
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
        array >= 0 && _kinds[array] == JsonKind.Array && array + 1 < _ends[array] ? array + 1 : -1;

    public int NextElement(int array, int element) => _ends[element] < _ends[array] ? _ends[element] : -1;

    /// <summary>True when a string node's decoded text equals <paramref name="text"/>.</summary>
    public bool StringEquals(int node, ReadOnlySpan<byte> text) =>
        node >= 0 && _kinds[node] == JsonKind.String && TextEquals(node, text);

    /// <summary>Copies a string node's decoded (unescaped) UTF-8 text into <paramref name="destination"/>.</summary>
    public int CopyString(int node, Span<byte> destination)
    {
        if (!_escaped[node])
        {
            Raw(node).CopyTo(destination);
            return _lengths[node];
        }
        // Re-read just this token (quotes included) to decode it; the reader is a stack-only struct.
        var token = Source.Span.Slice(_starts[node] - 1, _lengths[node] + 2);
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.CopyString(destination);
    }

    private bool NameEquals(int node, ReadOnlySpan<byte> name) => TextEquals(node, name);

    private bool TextEquals(int node, ReadOnlySpan<byte> text)
    {
        if (!_escaped[node])
        {
            return Raw(node).SequenceEqual(text);
        }
        if (_lengths[node] > 512)
        {
            return false;
        }
        Span<byte> decoded = stackalloc byte[_lengths[node]];
        var n = CopyString(node, decoded);
        return decoded[..n].SequenceEqual(text);
    }

    private bool Fill(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Options);
        var depth = 0;
        var rootDone = false;
        while (reader.Read())
        {
            if (rootDone)
            {
                return false;
            }
            var start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    Push(ref depth, Add(reader.TokenType == JsonTokenType.StartObject ? JsonKind.Object : JsonKind.Array,
                        start, 0, false));
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    var open = _stack[--depth];
                    _lengths[open] = start + 1 - _starts[open];
                    _ends[open] = Count;
                    rootDone = depth == 0;
                    break;
                case JsonTokenType.PropertyName:
                    Add(JsonKind.PropertyName, start + 1, reader.ValueSpan.Length, reader.ValueIsEscaped);
                    break;
                case JsonTokenType.String:
                    Add(JsonKind.String, start + 1, reader.ValueSpan.Length, reader.ValueIsEscaped);
                    rootDone = depth == 0;
                    break;
                case JsonTokenType.Number:
                    Add(JsonKind.Number, start, reader.ValueSpan.Length, false);
                    rootDone = depth == 0;
                    break;
                case JsonTokenType.True:
                    Add(JsonKind.True, start, 4, false);
                    rootDone = depth == 0;
                    break;
                case JsonTokenType.False:
                    Add(JsonKind.False, start, 5, false);
                    rootDone = depth == 0;
                    break;
                case JsonTokenType.Null:
                    Add(JsonKind.Null, start, 4, false);
                    rootDone = depth == 0;
                    break;
                default:
                    return false;
            }
        }
        return rootDone;
    }

    private void Push(ref int depth, int node)
    {
        if (depth == _stack.Length)
        {
            Array.Resize(ref _stack, _stack.Length * 2);
        }
        _stack[depth++] = node;
    }

    private int Add(JsonKind kind, int start, int length, bool escaped)
    {
        if (Count == _kinds.Length)
        {
            var n = Count * 2;
            Array.Resize(ref _kinds, n);
            Array.Resize(ref _escaped, n);
            Array.Resize(ref _starts, n);
            Array.Resize(ref _lengths, n);
            Array.Resize(ref _ends, n);
        }
        var i = Count++;
        _kinds[i] = kind;
        _escaped[i] = escaped;
        _starts[i] = start;
        _lengths[i] = length;
        _ends[i] = i + 1;
        return i;
    }
}
