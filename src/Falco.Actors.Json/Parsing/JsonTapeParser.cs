using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Falco.Actors.Json.Parsing;

/// <summary>
/// How a <see cref="JsonTape"/> is filled: simdjson's two stages. Stage 1 classifies the text 64 bytes at a time
/// with vector compares (<see cref="JsonBits"/>) and lists the structural positions: brackets, colons and commas
/// outside strings, every unescaped quote, and the first byte of each number or literal; it also lists the escape
/// sequences inside strings and rejects control characters in strings and backslashes outside them. Stage 2 walks
/// that list with the JSON grammar, building nodes, with its open containers on an array stack (no recursion, so no
/// depth can overflow the thread's stack). Accepts exactly what <c>Utf8JsonReader</c> with default options and a
/// depth of <see cref="MaxDepth"/> accepts (no comments, no trailing commas, one value, UTF-8 not validated), at a
/// fraction of its cost, since the bytes inside strings are never visited one by one.
/// </summary>
public sealed partial class JsonTape
{
    /// <summary>
    /// The deepest nesting accepted: Go's <c>encoding/json</c> scanner's <c>maxNestingDepth</c>, so that every record
    /// Falco's Go plugins can read is read here too.
    /// </summary>
    public const int MaxDepth = 10_000;

    private int[] _structurals = new int[1024];
    private int[] _escapes = new int[16];

    private bool Fill(ReadOnlySpan<byte> json) =>
        Index(json, out var structurals, out var escapes) && Build(json, structurals, escapes);

    /// <summary>Stage 1: the structural positions in order, and the positions of the backslashes that start escapes.</summary>
    private bool Index(ReadOnlySpan<byte> json, out int count, out int escapes)
    {
        count = 0;
        escapes = 0;
        Span<byte> tail = stackalloc byte[64];
        var inString = 0UL;
        var carry = 0UL;
        var scalarCarry = 0UL;
        for (var p = 0; p < json.Length; p += 64)
        {
            scoped ref var block = ref MemoryMarshal.GetReference(json[p..]);
            if (json.Length - p < 64)
            {
                // The last partial block, padded with spaces (whitespace: structurally nothing).
                tail.Fill((byte)' ');
                json[p..].CopyTo(tail);
                block = ref MemoryMarshal.GetReference(tail);
            }
            var backslashes = JsonBits.Mask(ref block, (byte)'\\');
            var escaped = JsonBits.Escaped(backslashes, carry, out carry);
            var quotes = JsonBits.Mask(ref block, (byte)'"') & ~escaped;
            var strings = JsonBits.PrefixXor(quotes) ^ inString;
            inString = (ulong)((long)strings >> 63);
            if (((JsonBits.LessThan(ref block, 0x20) & strings) | (backslashes & ~strings)) != 0)
            {
                return false; // a raw control character inside a string, or a backslash outside any string
            }
            var escapeStarts = backslashes & ~escaped & strings;
            while (escapeStarts != 0)
            {
                if (escapes == _escapes.Length)
                {
                    Array.Resize(ref _escapes, escapes * 2);
                }
                _escapes[escapes++] = p + BitOperations.TrailingZeroCount(escapeStarts);
                escapeStarts &= escapeStarts - 1;
            }
            var whitespace = JsonBits.Mask(ref block, (byte)' ') | JsonBits.Mask(ref block, (byte)'\n')
                | JsonBits.Mask(ref block, (byte)'\r') | JsonBits.Mask(ref block, (byte)'\t');
            var operators = (JsonBits.Mask(ref block, (byte)'{') | JsonBits.Mask(ref block, (byte)'}')
                | JsonBits.Mask(ref block, (byte)'[') | JsonBits.Mask(ref block, (byte)']')
                | JsonBits.Mask(ref block, (byte)':') | JsonBits.Mask(ref block, (byte)',')) & ~strings;
            var scalars = ~(strings | quotes | whitespace | operators);
            var scalarStarts = scalars & ~((scalars << 1) | scalarCarry);
            scalarCarry = scalars >> 63;
            var marks = operators | quotes | scalarStarts;
            if (count + 64 > _structurals.Length)
            {
                Array.Resize(ref _structurals, _structurals.Length * 2);
            }
            var structurals = _structurals;
            while (marks != 0)
            {
                structurals[count++] = p + BitOperations.TrailingZeroCount(marks);
                marks &= marks - 1;
            }
        }
        return inString == 0;
    }

    /// <summary>
    /// Stage 2: the grammar over the structural positions, building the nodes. Written as simdjson's stage 2, one
    /// code path per grammar position joined by gotos, so that each branch is predicted on its own.
    /// </summary>
    private bool Build(ReadOnlySpan<byte> json, int count, int escapes)
    {
        var s = _structurals;
        if (count + 1 >= s.Length)
        {
            Array.Resize(ref _structurals, count + 2);
            s = _structurals;
        }
        // Every node starts at a structural of its own, so the nodes fit: no growing while building.
        if (_nodes.Length < count + 1)
        {
            Array.Resize(ref _nodes, Math.Max(_nodes.Length * 2, count + 1));
        }
        // A sentinel: past the last structural, a position whose byte reads as 0 (no structural).
        s[count] = json.Length;
        var depth = 0;
        var nextEscape = 0;
        var k = 0;
        int i;
        if (count == 0)
        {
            return false;
        }

        // The document's one value.
        i = s[k];
        switch (At(json, i))
        {
            case (byte)'{': goto ObjectBegin;
            case (byte)'[': goto ArrayBegin;
        }
        if (!AddLeaf(json, ref k, escapes, ref nextEscape))
        {
            return false;
        }
        goto DocumentEnd;

    ObjectBegin:
        if (depth == MaxDepth)
        {
            return TooDeep();
        }
        Push(ref depth, Add(JsonKind.Object, s[k], 0, false));
        k++;
        if (At(json, s[k]) == '}')
        {
            goto ScopeEnd;
        }

    ObjectField:
        i = s[k];
        if (At(json, i) != '"')
        {
            return false;
        }
        {
            var end = s[k + 1];
            var escaped = false;
            var bad = end >= json.Length;
            if (nextEscape < escapes && _escapes[nextEscape] < end)
            {
                escaped = Escapes(json, i, end, escapes, ref nextEscape, out var badEscape);
                bad |= badEscape;
            }
            if (bad)
            {
                return false;
            }
            var name = Add(JsonKind.PropertyName, i + 1, end - i - 1, escaped);
            if (depth == 1)
            {
                AddRootName(name, escaped ? -1 : end - i - 1);
            }
        }
        k += 2;
        if (At(json, s[k]) != ':')
        {
            return false;
        }
        k++;
        switch (At(json, s[k]))
        {
            case (byte)'{': goto ObjectBegin;
            case (byte)'[': goto ArrayBegin;
        }
        if (!AddLeaf(json, ref k, escapes, ref nextEscape))
        {
            return false;
        }

    ObjectContinue:
        switch (At(json, s[k]))
        {
            case (byte)',':
                k++;
                goto ObjectField;
            case (byte)'}':
                goto ScopeEnd;
            default:
                return false;
        }

    ArrayBegin:
        if (depth == MaxDepth)
        {
            return TooDeep();
        }
        Push(ref depth, Add(JsonKind.Array, s[k], 0, false));
        k++;
        if (At(json, s[k]) == ']')
        {
            goto ScopeEnd;
        }

    ArrayValue:
        switch (At(json, s[k]))
        {
            case (byte)'{': goto ObjectBegin;
            case (byte)'[': goto ArrayBegin;
        }
        if (!AddLeaf(json, ref k, escapes, ref nextEscape))
        {
            return false;
        }

    ArrayContinue:
        switch (At(json, s[k]))
        {
            case (byte)',':
                k++;
                goto ArrayValue;
            case (byte)']':
                goto ScopeEnd;
            default:
                return false;
        }

    ScopeEnd:
        {
            // s[k] is the closing bracket; it must match the innermost open container.
            i = s[k];
            var open = _stack[--depth];
            if (_nodes[open].Kind != (json[i] == '}' ? JsonKind.Object : JsonKind.Array))
            {
                return false;
            }
            _nodes[open].Length = i + 1 - _nodes[open].Start;
            _nodes[open].End = Count;
            k++;
            if (depth == 0)
            {
                goto DocumentEnd;
            }
            if (_nodes[_stack[depth - 1]].Kind == JsonKind.Object)
            {
                goto ObjectContinue;
            }
            goto ArrayContinue;
        }

    DocumentEnd:
        return k == count;
    }

    /// <summary>Refuses the text for its depth, saying so (off the hot path).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TooDeep()
    {
        _tooDeep = true;
        return false;
    }

    /// <summary>The byte at a structural position; 0 at the sentinel past the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte At(ReadOnlySpan<byte> json, int i) => (uint)i < (uint)json.Length ? json[i] : (byte)0;

    /// <summary>A string, number or literal at structural <paramref name="k"/>: checked, added, and k moved past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool AddLeaf(ReadOnlySpan<byte> json, ref int k, int escapes, ref int nextEscape)
    {
        var i = _structurals[k];
        var c = At(json, i);
        if (c == '"')
        {
            var end = _structurals[k + 1];
            var escaped = false;
            var bad = end >= json.Length;
            if (nextEscape < escapes && _escapes[nextEscape] < end)
            {
                escaped = Escapes(json, i, end, escapes, ref nextEscape, out var badEscape);
                bad |= badEscape;
            }
            if (bad)
            {
                return false;
            }
            Add(JsonKind.String, i + 1, end - i - 1, escaped);
            k += 2;
            return true;
        }
        if (c is 0 or (byte)'}' or (byte)']' or (byte)':' or (byte)',')
        {
            return false;
        }
        k++;
        return AddScalar(json, i);
    }

    /// <summary>
    /// Whether the string between the quotes at <paramref name="open"/> and <paramref name="close"/> has escapes,
    /// checking each (<c>\" \\ \/ \b \f \n \r \t \uXXXX</c>); <paramref name="bad"/> when one is invalid.
    /// </summary>
    private bool Escapes(ReadOnlySpan<byte> json, int open, int close, int escapes, ref int next, out bool bad)
    {
        bad = false;
        var any = false;
        while (next < escapes && _escapes[next] < close)
        {
            var at = _escapes[next++];
            if (at < open)
            {
                continue;
            }
            any = true;
            switch (json[at + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    break;
                case (byte)'u':
                    if (at + 5 >= close || !IsHex(json[at + 2]) || !IsHex(json[at + 3]) || !IsHex(json[at + 4]) || !IsHex(json[at + 5]))
                    {
                        bad = true;
                    }
                    break;
                default:
                    bad = true;
                    break;
            }
        }
        return any;
    }

    private static bool IsHex(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 5;

    /// <summary>A number or literal starting at <paramref name="start"/>: checked against the grammar and added.</summary>
    private bool AddScalar(ReadOnlySpan<byte> json, int start)
    {
        var end = start;
        while (end < json.Length && IsScalarByte(json[end]))
        {
            end++;
        }
        var token = json[start..end];
        switch (token[0])
        {
            case (byte)'t' when token.SequenceEqual("true"u8):
                Add(JsonKind.True, start, 4, false);
                return true;
            case (byte)'f' when token.SequenceEqual("false"u8):
                Add(JsonKind.False, start, 5, false);
                return true;
            case (byte)'n' when token.SequenceEqual("null"u8):
                Add(JsonKind.Null, start, 4, false);
                return true;
        }
        if (!IsNumber(token))
        {
            return false;
        }
        Add(JsonKind.Number, start, token.Length, false);
        return true;
    }

    private static bool IsScalarByte(byte b) =>
        b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'"' or (byte)'{' or (byte)'}'
            or (byte)'[' or (byte)']' or (byte)':' or (byte)',');

    /// <summary>JSON's number grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private static bool IsNumber(ReadOnlySpan<byte> s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }
        if (i >= s.Length)
        {
            return false;
        }
        if (s[i] == '0')
        {
            i++;
        }
        else if (IsDigit(s[i]))
        {
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }
        else
        {
            return false;
        }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length || !IsDigit(s[i]))
            {
                return false;
            }
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }
            if (i >= s.Length || !IsDigit(s[i]))
            {
                return false;
            }
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }
        return i == s.Length;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
