using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Falco.Actors.Json.Parsing;

/// <summary>
/// Decodes the escapes of a string's raw bytes as Go's <c>encoding/json</c> does (its <c>unquote</c>): a <c>\u</c>
/// surrogate pair is one character, and a surrogate that does not pair with the <c>\u</c> escape right after it
/// (a lone high or low surrogate) is U+FFFD, consuming only its own six bytes; every byte that does not start a valid
/// UTF-8 sequence is U+FFFD too (Go's <c>utf8.DecodeRune</c> gives <c>RuneError</c> and a size of 1). It never throws,
/// so a hostile record cannot make extraction fail. Escapes never lengthen the text (U+FFFD's three bytes replace a
/// six-byte escape), but an invalid byte becomes three: a destination of <see cref="MaxDecodedLength"/> is always
/// enough, and one as long as the raw bytes is when they are valid UTF-8.
/// </summary>
internal static class JsonEscapes
{
    private static ReadOnlySpan<byte> Replacement => [0xEF, 0xBF, 0xBD];

    /// <summary>The most bytes <see cref="Decode"/> writes for <paramref name="rawLength"/> raw bytes (all invalid UTF-8).</summary>
    public static int MaxDecodedLength(int rawLength) => rawLength * 3;
    /// <summary>Writes the decoded UTF-8 of <paramref name="raw"/> (checked by the parser) and returns its length.</summary>
    public static int Decode(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var n = 0;
        while (true)
        {
            var plain = raw.IndexOf((byte)'\\');
            if (plain < 0 || plain + 1 >= raw.Length)
            {
                return n + CopyText(raw, destination[n..]);
            }
            n += CopyText(raw[..plain], destination[n..]);
            raw = raw[plain..];
            if (raw[1] != 'u')
            {
                destination[n++] = Simple(raw[1]);
                raw = raw[2..];
                continue;
            }
            var code = Hex4(raw);
            if (code < 0)
            {
                destination[n++] = raw[0];
                raw = raw[1..];
                continue;
            }
            raw = raw[6..];
            var rune = Rune.ReplacementChar;
            if (!char.IsSurrogate((char)code))
            {
                rune = new Rune(code);
            }
            else if (char.IsHighSurrogate((char)code) && Hex4(raw) is var low and >= 0 && char.IsLowSurrogate((char)low))
            {
                rune = new Rune((char)code, (char)low);
                raw = raw[6..];
            }
            n += rune.EncodeToUtf8(destination[n..]);
        }
    }

    /// <summary>Copies unescaped text, each byte that starts no valid UTF-8 sequence replaced by U+FFFD.</summary>
    private static int CopyText(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        if (Utf8.IsValid(text))
        {
            text.CopyTo(destination);
            return text.Length;
        }
        var n = 0;
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(text, out _, out var length) == OperationStatus.Done)
            {
                text[..length].CopyTo(destination[n..]);
                n += length;
                text = text[length..];
            }
            else
            {
                Replacement.CopyTo(destination[n..]);
                n += Replacement.Length;
                text = text[1..];
            }
        }
        return n;
    }

    private static byte Simple(byte escaped) => escaped switch
    {
        (byte)'b' => (byte)'\b',
        (byte)'f' => (byte)'\f',
        (byte)'n' => (byte)'\n',
        (byte)'r' => (byte)'\r',
        (byte)'t' => (byte)'\t',
        _ => escaped, // " \ / stand for themselves
    };

    /// <summary>The code unit of a <c>\uXXXX</c> escape at the start of <paramref name="s"/>, or -1 when there is none.</summary>
    private static int Hex4(ReadOnlySpan<byte> s)
    {
        if (s.Length < 6 || s[0] != '\\' || s[1] != 'u')
        {
            return -1;
        }
        var code = 0;
        for (var i = 2; i < 6; i++)
        {
            var digit = HexDigit(s[i]);
            if (digit < 0)
            {
                return -1;
            }
            code = code << 4 | digit;
        }
        return code;
    }

    private static int HexDigit(byte b) =>
        (uint)(b - '0') <= 9 ? b - '0' : (uint)((b | 0x20) - 'a') <= 5 ? (b | 0x20) - 'a' + 10 : -1;
}
