using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Native;

/// <summary>Copies a plugin's extract results (a <c>res</c> array of <c>res_len</c> values) into FieldValues.</summary>
internal static unsafe class ExtractedValues
{
    public static void Copy(FieldValues values, int slot, FieldInfo field, void* res, ulong count)
    {
        values.MarkExtracted(slot);
        if (res == null || count == 0)
        {
            return;
        }
        // A field that is not a list has at most one value.
        var n = field.IsList ? count : 1;
        for (ulong i = 0; i < n; i++)
        {
            switch (field.Type)
            {
                case FieldType.UInt64 or FieldType.Int64 or FieldType.RelTime or FieldType.AbsTime:
                    values.AddNumber(slot, ((ulong*)res)[i]);
                    break;
                case FieldType.Bool:
                    values.AddBool(slot, ((uint*)res)[i] != 0);
                    break;
                case FieldType.String:
                    var text = ((byte**)res)[i];
                    values.AddBytes(slot, new ReadOnlySpan<byte>(text, NativeText.Length(text)));
                    break;
                case FieldType.IpAddr:
                    AddAddress(values, slot, ((ByteBuffer*)res)[i]);
                    break;
                case FieldType.IpNet:
                    AddNetwork(values, slot, ((ByteBuffer*)res)[i]);
                    break;
            }
        }
    }

    /// <summary>4 (IPv4) or 16 (IPv6) bytes in network order; other lengths are not an address and are dropped.</summary>
    private static void AddAddress(FieldValues values, int slot, ByteBuffer buf)
    {
        if (buf.Ptr != null && buf.Len is 4 or 16)
        {
            values.AddBytes(slot, new ReadOnlySpan<byte>(buf.Ptr, (int)buf.Len));
        }
    }

    /// <summary>
    /// Networks become address bytes + one prefix-length byte. Plugins may give that form (5 or 17 bytes) or
    /// libsinsp's ipv4net/ipv6net form (address then netmask: 8 or 32 bytes).
    /// </summary>
    private static void AddNetwork(FieldValues values, int slot, ByteBuffer buf)
    {
        if (buf.Ptr == null)
        {
            return;
        }
        var bytes = new ReadOnlySpan<byte>(buf.Ptr, (int)buf.Len);
        switch (buf.Len)
        {
            case 5 or 17:
                values.AddBytes(slot, bytes);
                break;
            case 8 or 32:
                var size = (int)buf.Len / 2;
                var prefix = 0;
                foreach (var b in bytes[size..])
                {
                    prefix += System.Numerics.BitOperations.PopCount(b);
                }
                var target = values.AddBytes(slot, size + 1);
                bytes[..size].CopyTo(target);
                target[size] = (byte)prefix;
                break;
        }
    }
}
