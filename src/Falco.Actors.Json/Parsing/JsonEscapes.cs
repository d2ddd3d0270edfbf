using System.Text;

namespace Falco.Actors.Json.Parsing;

/// <summary>
/// Decodes the escapes of a string's raw bytes as Go's fastjson does (what Falco's plugins read with): a <c>\u</c>
/// surrogate pair is one character, a surrogate followed by another <c>\u</c> escape that does not pair with it is
/// U+FFFD (both escapes consumed), and a surrogate followed by anything else stays as its six bytes of escape text.
/// It never throws, so a hostile record cannot make extraction fail. The text never grows: a destination as long as
/// the raw bytes is always enough.
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
            if (!char.IsSurrogate((char)code))
            {
                n += new Rune(code).EncodeToUtf8(destination[n..]);
                raw = raw[6..];
                continue;
            }
            var next = Hex4(raw[6..]);
            if (next < 0)
            {
                raw[..6].CopyTo(destination[n..]);
                n += 6;
                raw = raw[6..];
                continue;
            }
            var rune = char.IsHighSurrogate((char)code) && char.IsLowSurrogate((char)next)
                ? new Rune((char)code, (char)next)
                : Rune.ReplacementChar;
            n += rune.EncodeToUtf8(destination[n..]);
            raw = raw[12..];
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
