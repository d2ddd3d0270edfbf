using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Falco.Actors.Rules.Fields.Values;

/// <summary>
/// Parses a condition's right-hand text into a field type's raw value, the way libsinsp's value parser does:
/// decimal integers only (sscanf semantics: leading blanks and a sign accepted, nothing after the digits),
/// <c>true</c>/<c>false</c>, IPv4 when the text holds a '.', IPv6 otherwise, CIDR networks, hex byte strings.
/// </summary>
public static class FieldValueParser
{
    /// <summary>An unsigned 64-bit number; a negative number wraps like sscanf's <c>%lu</c>.</summary>
    public static ulong ParseUInt64(string text)
    {
        if (!TryParseInteger(text, out var magnitude, out var negative))
        {
            throw new FieldValueException($"{text} is not a valid number");
        }
        return negative ? unchecked(0UL - magnitude) : magnitude;
    }

    /// <summary>A signed 64-bit number (sscanf <c>%ld</c>: saturates out of range), stored as its two's-complement bits.</summary>
    public static ulong ParseInt64(string text)
    {
        if (!TryParseInteger(text, out var magnitude, out var negative))
        {
            throw new FieldValueException($"{text} is not a valid number");
        }
        var value = negative
            ? (magnitude > (ulong)long.MaxValue ? long.MinValue : -(long)magnitude)
            : (magnitude > long.MaxValue ? long.MaxValue : (long)magnitude);
        return unchecked((ulong)value);
    }

    public static bool ParseBool(string text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FieldValueException($"filter error: unrecognized boolean value {text}"),
    };

    /// <summary>4 bytes when the text holds a '.', else 16 (IPv6), network order.</summary>
    public static byte[] ParseIpAddr(string text)
    {
        if (text.Contains('.'))
        {
            return TryParseIPv4(text, out var v4) ? v4 : throw new FieldValueException($"unrecognized IPv4 address {text}");
        }
        return TryParseIPv6(text, out var v6) ? v6 : throw new FieldValueException($"unrecognized IPv6 address {text}");
    }

    /// <summary>
    /// Address bytes (4 or 16) followed by one prefix-length byte, host bits cleared. IPv4 when the text holds a
    /// '.', else IPv6; messages as libsinsp's value parser (a bad IPv4 part names the whole text).
    /// </summary>
    public static byte[] ParseIpNet(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            throw new FieldValueException($"unrecognized IP network {text}");
        }
        var addressText = text[..slash];
        var maskText = text[(slash + 1)..];
        var isV4 = text.Contains('.');
        byte[] address;
        if (isV4 ? !TryParseIPv4(addressText, out address) : !TryParseIPv6(addressText, out address))
        {
            throw new FieldValueException(isV4 ? $"unrecognized IP address {text}" : $"unrecognized IP network {text}");
        }
        var max = isV4 ? 32 : 128;
        var prefix = ParseUInt64(maskText);
        if (prefix > (ulong)max)
        {
            throw new FieldValueException(isV4 ? $"invalid netmask {maskText}" : $"unrecognized IP network {text}");
        }
        var net = new byte[address.Length + 1];
        address.CopyTo(net, 0);
        IpMath.ClearHostBits(net.AsSpan(0, address.Length), (int)prefix);
        net[^1] = (byte)prefix;
        return net;
    }

    /// <summary>Pairs of hex digits (<c>48545450</c>) as raw bytes, for bcontains and bstartswith.</summary>
    public static byte[] ParseHex(string text)
    {
        if (text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            throw new FieldValueException("filter error: bcontains and bstartswith operator support hex strings only");
        }
        return Convert.FromHexString(text);
    }

    private static bool TryParseInteger(string text, out ulong magnitude, out bool negative)
    {
        magnitude = 0;
        negative = false;
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
        {
            i++;
        }
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }
        var start = i;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
        {
            // sscanf saturates on overflow; the value is then rejected by nothing, so saturate too.
            magnitude = magnitude > (ulong.MaxValue - 9) / 10 ? ulong.MaxValue : magnitude * 10 + (ulong)(text[i] - '0');
        }
        return i > start && i == text.Length;
    }

    private static bool TryParseIPv4(string text, out byte[] address)
    {
        address = new byte[4];
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            // inet_pton: 1-3 digits, no leading zero, at most 255.
            if (p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0'))
            {
                return false;
            }
            var v = int.Parse(p, CultureInfo.InvariantCulture);
            if (v > 255)
            {
                return false;
            }
            address[i] = (byte)v;
        }
        return true;
    }

    private static bool TryParseIPv6(string text, out byte[] address)
    {
        address = [];
        if (text.Contains('%') || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        address = ip.GetAddressBytes();
        return true;
    }
}
