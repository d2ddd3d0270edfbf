using System.Globalization;
using System.Net;
using System.Text;

namespace Falco.Actors.Rules.Fields.Values;

/// <summary>How a number prints: libsinsp's PF_DEC, or PF_10_PADDED_DEC (<c>%09</c>, used by some evt.* times).</summary>
public enum NumberFormat : byte
{
    Decimal,
    ZeroPadded9,
}

/// <summary>
/// Renders extracted values as libsinsp's <c>rawval_to_string</c> does: numbers in decimal, bools as
/// <c>true</c>/<c>false</c>, IPv4 dotted, IPv6 as inet_ntop, ipnet as <c>&lt;IPNET&gt;</c> (sic, libsinsp),
/// bytebufs with non-printable bytes as '.', and lists as <c>(a,b,c)</c>.
/// </summary>
public static class FieldValueFormatter
{
    public static void AppendValue(StringBuilder into, FieldType type, FieldValues values, int slot, int index,
        NumberFormat format = NumberFormat.Decimal)
    {
        switch (type)
        {
            case FieldType.UInt64:
            case FieldType.RelTime:
            case FieldType.AbsTime:
                AppendUnsigned(into, values.GetNumber(slot, index), format);
                break;
            case FieldType.Int64:
                into.Append(((long)values.GetNumber(slot, index)).ToString(CultureInfo.InvariantCulture));
                break;
            case FieldType.Bool:
                into.Append(values.GetBool(slot, index) ? "true" : "false");
                break;
            case FieldType.String:
                AppendUtf8(into, values.GetBytes(slot, index));
                break;
            case FieldType.ByteBuf:
                AppendPrintable(into, values.GetBytes(slot, index));
                break;
            case FieldType.IpAddr:
                AppendAddress(into, values.GetBytes(slot, index));
                break;
            case FieldType.IpNet:
                into.Append("<IPNET>");
                break;
        }
    }

    /// <summary>All values of a slot: one value as itself, a list field as <c>(v1,v2)</c>.</summary>
    public static void AppendValues(StringBuilder into, FieldType type, bool isList, FieldValues values, int slot,
        NumberFormat format = NumberFormat.Decimal)
    {
        if (!isList)
        {
            AppendValue(into, type, values, slot, 0, format);
            return;
        }
        into.Append('(');
        var count = values.Count(slot);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                into.Append(',');
            }
            AppendValue(into, type, values, slot, i, format);
        }
        into.Append(')');
    }

    public static void AppendUnsigned(StringBuilder into, ulong value, NumberFormat format)
    {
        Span<char> digits = stackalloc char[24];
        value.TryFormat(digits, out var written, format == NumberFormat.ZeroPadded9 ? "D9" : "D", CultureInfo.InvariantCulture);
        into.Append(digits[..written]);
    }

    public static void AppendUtf8(StringBuilder into, ReadOnlySpan<byte> utf8)
    {
        Span<char> buffer = stackalloc char[256];
        if (utf8.Length <= buffer.Length)
        {
            var n = Encoding.UTF8.GetChars(utf8, buffer);
            into.Append(buffer[..n]);
        }
        else
        {
            into.Append(Encoding.UTF8.GetString(utf8));
        }
    }

    /// <summary>IPv4 dotted or IPv6 text; any other length prints <c>&lt;NA&gt;</c>.</summary>
    public static void AppendAddress(StringBuilder into, ReadOnlySpan<byte> address)
    {
        switch (address.Length)
        {
            case 4:
                into.Append(address[0]).Append('.').Append(address[1]).Append('.').Append(address[2]).Append('.').Append(address[3]);
                break;
            case 16:
                into.Append(new IPAddress(address).ToString());
                break;
            default:
                into.Append("<NA>");
                break;
        }
    }

    private static void AppendPrintable(StringBuilder into, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            into.Append(b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\t' ? (char)b : '.');
        }
    }
}
