namespace Falco.Actors.Rules.Fields.Values;

/// <summary>Address and network arithmetic on network-order bytes.</summary>
public static class IpMath
{
    public static void ClearHostBits(Span<byte> address, int prefix)
    {
        for (var i = 0; i < address.Length; i++)
        {
            var bits = Math.Clamp(prefix - i * 8, 0, 8);
            address[i] &= (byte)(0xFF00 >> bits);
        }
    }

    /// <summary>True when <paramref name="address"/> lies in <paramref name="net"/> (address bytes + prefix byte).</summary>
    public static bool InNetwork(ReadOnlySpan<byte> address, ReadOnlySpan<byte> net)
    {
        if (net.Length != address.Length + 1)
        {
            return false;
        }
        int prefix = net[^1];
        for (var i = 0; i < address.Length && prefix > 0; i++, prefix -= 8)
        {
            var mask = (byte)(0xFF00 >> Math.Min(prefix, 8));
            if ((address[i] & mask) != (net[i] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
