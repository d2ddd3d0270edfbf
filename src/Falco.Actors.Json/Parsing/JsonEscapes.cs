using System.Text;

namespace Falco.Actors.Json.Parsing;

/// <summary>
/// Decodes the escapes of a string's raw bytes as Go's <c>encoding/json</c> does (its <c>unquote</c>): a <c>\u</c>
/// surrogate pair is one character, and a surrogate that does not pair with the <c>\u</c> escape right after it
/// (a lone high or low surrogate) is U+FFFD, consuming only its own six bytes. It never throws, so a hostile record
/// cannot make extraction fail. The text never grows (U+FFFD's three bytes replace a six-byte escape): a
/// destination as long as the raw bytes is always enough.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>Writes the decoded UTF-8 of <paramref name="raw"/> (checked by the parser) and returns its length.</summary>
    public static int Decode(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var n = 0;
        while (true)
        {
            var plain = raw.IndexOf((byte)'\\');
            if (plain < 0 || plain + 1 >= raw.Length)
            {
                raw.CopyTo(destination[n..]);
                return n + raw.Length;
            }
            raw[..plain].CopyTo(destination[n..]);
            n += plain;
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
