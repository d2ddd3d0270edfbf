using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Falco.Actors.Json.Parsing;

namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// Whether a split record becomes an event (the Go plugin's checks): it must be a JSON object with a string
/// <c>eventTime</c> in RFC 3339 and an <c>eventType</c> that is not <c>AwsCloudTrailInsight</c>.
/// One pass over the top-level members only, so that the record is parsed once, by the evaluator's extractor: the
/// object's own syntax (member names, colons, commas, scalar values) is checked here, nested objects and arrays are
/// skipped by a 64-byte-block structural scan (strings and escapes respected, brackets counted) without checking
/// their contents. A record broken only inside a nested value is therefore an event whose fields have no value
/// (the extractors' answer to text that does not parse), where the Go plugin would skip it. The scan does count
/// depth: a record nested deeper than Go's limit (<see cref="JsonTape.MaxDepth"/>), which no extractor could read,
/// is reported here with its position rather than becoming an event that silently matches nothing.
/// </summary>
public static class RecordAcceptance
{
    private static readonly byte[] Insight = "AwsCloudTrailInsight"u8.ToArray();

    /// <summary>What <see cref="Check"/> answers (this very string) for a record nested deeper than Go reads.</summary>
    public static readonly string TooDeepMessage = $"record cannot be read: {JsonTape.TooDeepError}";

    /// <summary>
    /// Null when accepted (with its timestamp). Otherwise why it is skipped; <paramref name="malformed"/> tells a
    /// broken record (not JSON, bad time: worth reporting) from one that is simply not an event (no eventTime or
    /// eventType, an Insight record: skipped silently, as Falco does).
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> record, out ulong timestampNs, out bool malformed)
    {
        timestampNs = 0;
        malformed = true;
        var hasTime = false;
        var hasType = false;
        var isInsight = false;
        string? badTime = null;
        var i = SkipWhitespace(record, 0);
        if (i >= record.Length || record[i] != '{')
        {
            return "record is not a JSON object";
        }
        i = SkipWhitespace(record, i + 1);
        if (i < record.Length && record[i] == '}')
        {
            i++;
        }
        else
        {
            while (true)
            {
                if (i >= record.Length || record[i] != '"')
                {
                    return Invalid("expected a member name", i);
                }
                var keyEnd = StringEnd(record, i + 1, out var keyEscaped);
                if (keyEnd < 0)
                {
                    return Invalid("unterminated string", i);
                }
                var member = Member(record.Slice(i, keyEnd + 1 - i), keyEscaped);
                i = SkipWhitespace(record, keyEnd + 1);
                if (i >= record.Length || record[i] != ':')
                {
                    return Invalid("expected ':' after a member name", i);
                }
                i = SkipWhitespace(record, i + 1);
                if (i >= record.Length)
                {
                    return Invalid("expected a value", i);
                }
                var b = record[i];
                if (b == '"')
                {
                    var end = StringEnd(record, i + 1, out var escaped);
                    if (end < 0)
                    {
                        return Invalid("unterminated string", i);
                    }
                    if (member == Time && !hasTime)
                    {
                        hasTime = true;
                        if (escaped || !Rfc3339.TryParseNs(record[(i + 1)..end], out timestampNs))
                        {
                            badTime = "eventTime is not an RFC 3339 time";
                        }
                    }
                    else if (member == Type && !hasType)
                    {
                        hasType = true;
                        isInsight = TextEquals(record.Slice(i, end + 1 - i), escaped, Insight);
                    }
                    i = end + 1;
                }
                else
                {
                    // A non-string eventTime or eventType does not count (Go's GetStringBytes gives nil).
                    var container = b is (byte)'{' or (byte)'[';
                    i = container ? SkipContainer(record, i) : SkipScalar(record, i);
                    if (i == TooDeep)
                    {
                        return TooDeepMessage;
                    }
                    if (i < 0)
                    {
                        return Invalid(container ? "unterminated object or array" : "invalid value", ~i);
                    }
                }
                i = SkipWhitespace(record, i);
                if (i < record.Length && record[i] == ',')
                {
                    i = SkipWhitespace(record, i + 1);
                    continue;
                }
                if (i < record.Length && record[i] == '}')
                {
                    i++;
                    break;
                }
                return Invalid("expected ',' or '}' after a member", i);
            }
        }
        if (SkipWhitespace(record, i) != record.Length)
        {
            return Invalid("text after the object", i);
        }
        if (badTime is not null)
        {
            return badTime;
        }
        malformed = false;
        if (!hasTime)
        {
            return "record has no eventTime";
        }
        if (!hasType)
        {
            return "record has no eventType";
        }
        return isInsight ? "record is a CloudTrail Insight" : null;
    }

    private const int Other = 0;
    private const int Time = 1;
    private const int Type = 2;

    private static string Invalid(string what, int at) => $"record is not valid JSON: {what} at byte {at} of the record";

    /// <summary>Which of the two members a name (with its quotes) is.</summary>
    private static int Member(ReadOnlySpan<byte> quoted, bool escaped) =>
        TextEquals(quoted, escaped, "eventTime"u8) ? Time : TextEquals(quoted, escaped, "eventType"u8) ? Type : Other;

    /// <summary>Whether a JSON string token (quotes included) decodes to <paramref name="text"/>.</summary>
    private static bool TextEquals(ReadOnlySpan<byte> quoted, bool escaped, ReadOnlySpan<byte> text)
    {
        if (!escaped)
        {
            return quoted[1..^1].SequenceEqual(text);
        }
        try
        {
            var reader = new Utf8JsonReader(quoted);
            return reader.Read() && reader.ValueTextEquals(text);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // An invalid escape, or a lone surrogate (which Go decodes to U+FFFD): never one of the names compared.
            return false;
        }
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }
        return i;
    }

    /// <summary>The index of the quote closing the string whose content starts at <paramref name="i"/>, or -1.</summary>
    private static int StringEnd(ReadOnlySpan<byte> s, int i, out bool escaped)
    {
        escaped = false;
        while (true)
        {
            var k = s[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (k < 0)
            {
                return -1;
            }
            i += k;
            if (s[i] == '"')
            {
                return i;
            }
            escaped = true;
            i += 2;
            if (i >= s.Length)
            {
                return -1;
            }
        }
    }

    /// <summary>The index after a number or literal starting at <paramref name="i"/>, or the complement of where it went wrong.</summary>
    private static int SkipScalar(ReadOnlySpan<byte> s, int i)
    {
        var rest = s[i..];
        if (rest.StartsWith("true"u8) || rest.StartsWith("null"u8))
        {
            return i + 4;
        }
        if (rest.StartsWith("false"u8))
        {
            return i + 5;
        }
        // A number: loosely, an optional sign then digits, dot, exponent.
        var start = i;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }
        if (i >= s.Length || s[i] is < (byte)'0' or > (byte)'9')
        {
            return ~start;
        }
        while (i < s.Length && s[i] is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-')
        {
            i++;
        }
        return i;
    }

    /// <summary><see cref="SkipContainer"/>'s answer for a value nested deeper than <see cref="JsonTape.MaxDepth"/>.</summary>
    private const int TooDeep = int.MinValue;

    /// <summary>
    /// The index after the object or array opening at <paramref name="i"/> (its matching bracket, counted outside
    /// strings), the complement of the record's length when it does not close, or <see cref="TooDeep"/>.
    /// </summary>
    private static int SkipContainer(ReadOnlySpan<byte> s, int i)
    {
        // The record's own object is the first level: a member's value may open MaxDepth - 1 more.
        const int maxDepth = JsonTape.MaxDepth - 1;
        Span<byte> tail = stackalloc byte[64];
        var depth = 0;
        var inString = 0UL;
        var carry = 0UL;
        for (var p = i; p < s.Length; p += 64)
        {
            scoped ref var block = ref MemoryMarshal.GetReference(s[p..]);
            if (s.Length - p < 64)
            {
                // The last partial block, padded with spaces (structurally nothing).
                tail.Fill((byte)' ');
                s[p..].CopyTo(tail);
                block = ref MemoryMarshal.GetReference(tail);
            }
            var escaped = JsonBits.Escaped(JsonBits.Mask(ref block, (byte)'\\'), carry, out carry);
            var quotes = JsonBits.Mask(ref block, (byte)'"') & ~escaped;
            var strings = JsonBits.PrefixXor(quotes) ^ inString;
            inString = (ulong)((long)strings >> 63);
            var opens = (JsonBits.Mask(ref block, (byte)'{') | JsonBits.Mask(ref block, (byte)'[')) & ~strings;
            var closes = (JsonBits.Mask(ref block, (byte)'}') | JsonBits.Mask(ref block, (byte)']')) & ~strings;
            var brackets = opens | closes;
            while (brackets != 0)
            {
                var bit = brackets & (0 - brackets);
                brackets ^= bit;
                if ((opens & bit) != 0)
                {
                    if (++depth > maxDepth)
                    {
                        return TooDeep;
                    }
                }
                else if (--depth == 0)
                {
                    return p + BitOperations.TrailingZeroCount(bit) + 1;
                }
            }
        }
        return ~s.Length;
    }
}
