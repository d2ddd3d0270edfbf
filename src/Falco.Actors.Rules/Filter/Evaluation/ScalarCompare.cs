using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Values;
using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary>One value compared with one right-hand value by an operator (libsinsp flt_compare), allocation-free.</summary>
internal static class ScalarCompare
{
    /// <summary>Compares value <paramref name="index"/> of <paramref name="slot"/> with a constant operand.</summary>
    public static bool Value(FieldValues values, int slot, int index, FieldType type, CompareOp op, in Operand rhs)
    {
        if (op == CompareOp.Regex)
        {
            return RegexMatch(rhs.Regex!, values.GetBytes(slot, index));
        }
        return type switch
        {
            FieldType.String or FieldType.ByteBuf => Bytes(op, values.GetBytes(slot, index), rhs.Bytes),
            FieldType.IpAddr or FieldType.IpNet => Ip(op, values.GetBytes(slot, index), rhs.Bytes),
            FieldType.Int64 => Signed(op, (long)values.GetNumber(slot, index), (long)rhs.Number),
            FieldType.Bool => Unsigned(op, values.GetNumber(slot, index) != 0 ? 1UL : 0UL, rhs.Number),
            _ => Unsigned(op, values.GetNumber(slot, index), rhs.Number),
        };
    }

    /// <summary>Compares two extracted values (a field against a <c>val()</c> or transformer right-hand side).</summary>
    public static bool Values(FieldValues values, int lhsSlot, int lhsIndex, int rhsSlot, int rhsIndex, FieldType type, CompareOp op)
    {
        return type switch
        {
            FieldType.String or FieldType.ByteBuf => Bytes(op, values.GetBytes(lhsSlot, lhsIndex), values.GetBytes(rhsSlot, rhsIndex)),
            FieldType.IpAddr or FieldType.IpNet => Ip(op, values.GetBytes(lhsSlot, lhsIndex), values.GetBytes(rhsSlot, rhsIndex)),
            FieldType.Int64 => Signed(op, (long)values.GetNumber(lhsSlot, lhsIndex), (long)values.GetNumber(rhsSlot, rhsIndex)),
            FieldType.Bool => Unsigned(op, values.GetNumber(lhsSlot, lhsIndex) != 0 ? 1UL : 0UL, values.GetNumber(rhsSlot, rhsIndex) != 0 ? 1UL : 0UL),
            _ => Unsigned(op, values.GetNumber(lhsSlot, lhsIndex), values.GetNumber(rhsSlot, rhsIndex)),
        };
    }

    public static bool Bytes(CompareOp op, ReadOnlySpan<byte> lhs, ReadOnlySpan<byte> rhs) => op switch
    {
        CompareOp.Eq or CompareOp.In or CompareOp.Intersects => lhs.SequenceEqual(rhs),
        CompareOp.Ne => !lhs.SequenceEqual(rhs),
        CompareOp.Lt => lhs.SequenceCompareTo(rhs) < 0,
        CompareOp.Le => lhs.SequenceCompareTo(rhs) <= 0,
        CompareOp.Gt => lhs.SequenceCompareTo(rhs) > 0,
        CompareOp.Ge => lhs.SequenceCompareTo(rhs) >= 0,
        CompareOp.Contains or CompareOp.BContains => lhs.IndexOf(rhs) >= 0,
        CompareOp.IContains => IndexOfIgnoreCase(lhs, rhs) >= 0,
        CompareOp.StartsWith or CompareOp.BStartsWith => lhs.StartsWith(rhs),
        CompareOp.EndsWith => lhs.EndsWith(rhs),
        CompareOp.Glob => GlobMatcher.Match(rhs, lhs),
        CompareOp.IGlob => GlobMatcher.Match(rhs, lhs, caseFold: true),
        CompareOp.Pmatch => PathPrefix.Matches(rhs, lhs),
        _ => false,
    };

    public static bool Unsigned(CompareOp op, ulong lhs, ulong rhs) => op switch
    {
        CompareOp.Eq or CompareOp.In or CompareOp.Intersects => lhs == rhs,
        CompareOp.Ne => lhs != rhs,
        CompareOp.Lt => lhs < rhs,
        CompareOp.Le => lhs <= rhs,
        CompareOp.Gt => lhs > rhs,
        CompareOp.Ge => lhs >= rhs,
        _ => false,
    };

    public static bool Signed(CompareOp op, long lhs, long rhs) => op switch
    {
        CompareOp.Eq or CompareOp.In or CompareOp.Intersects => lhs == rhs,
        CompareOp.Ne => lhs != rhs,
        CompareOp.Lt => lhs < rhs,
        CompareOp.Le => lhs <= rhs,
        CompareOp.Gt => lhs > rhs,
        CompareOp.Ge => lhs >= rhs,
        _ => false,
    };

    /// <summary>
    /// Addresses are equal byte-wise; an address compared with a network (address bytes + prefix byte) is equal
    /// when it lies in the network; two networks are equal when address and prefix are.
    /// </summary>
    public static bool Ip(CompareOp op, ReadOnlySpan<byte> lhs, ReadOnlySpan<byte> rhs)
    {
        bool equal;
        if (rhs.Length == lhs.Length + 1)
        {
            equal = IpMath.InNetwork(lhs, rhs);
        }
        else if (lhs.Length == rhs.Length + 1)
        {
            equal = IpMath.InNetwork(rhs, lhs);
        }
        else
        {
            equal = lhs.SequenceEqual(rhs);
        }
        return op == CompareOp.Ne ? !equal : equal;
    }

    /// <summary>Full match of a UTF-8 value against a compiled regex, decoding into a stack or pooled buffer.</summary>
    public static bool RegexMatch(Regex regex, ReadOnlySpan<byte> utf8)
    {
        var max = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        char[]? rented = null;
        var buffer = max <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetChars(utf8, buffer);
            return regex.IsMatch(buffer[..n]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        if (needle.IsEmpty)
        {
            return 0;
        }
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(haystack.Slice(i, needle.Length), needle))
            {
                return i;
            }
        }
        return -1;
    }
}
