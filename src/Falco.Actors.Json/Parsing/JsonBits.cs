using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Falco.Actors.Json.Parsing;

/// <summary>
/// simdjson's stage-1 building blocks over 64-byte blocks: bit i of a mask stands for byte i of the block. Used by
/// <see cref="JsonTape"/>'s parser and by the cloudtrail plugin's record splitter and acceptance check.
/// </summary>
public static class JsonBits
{
    /// <summary>Bit i set when byte i of the 64 bytes at <paramref name="p"/> is <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mask(ref byte p, byte value)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return Vector512.Equals(Vector512.LoadUnsafe(ref p), Vector512.Create(value)).ExtractMostSignificantBits();
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.Create(value);
            return Vector256.Equals(Vector256.LoadUnsafe(ref p), v).ExtractMostSignificantBits()
                | (ulong)Vector256.Equals(Vector256.LoadUnsafe(ref p, 32), v).ExtractMostSignificantBits() << 32;
        }
        var w = Vector128.Create(value);
        return Vector128.Equals(Vector128.LoadUnsafe(ref p), w).ExtractMostSignificantBits()
            | (ulong)Vector128.Equals(Vector128.LoadUnsafe(ref p, 16), w).ExtractMostSignificantBits() << 16
            | (ulong)Vector128.Equals(Vector128.LoadUnsafe(ref p, 32), w).ExtractMostSignificantBits() << 32
            | (ulong)Vector128.Equals(Vector128.LoadUnsafe(ref p, 48), w).ExtractMostSignificantBits() << 48;
    }

    /// <summary>Bit i set when byte i of the 64 bytes at <paramref name="p"/> is below <paramref name="value"/> (unsigned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong LessThan(ref byte p, byte value)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return Vector512.LessThan(Vector512.LoadUnsafe(ref p), Vector512.Create(value)).ExtractMostSignificantBits();
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.Create(value);
            return Vector256.LessThan(Vector256.LoadUnsafe(ref p), v).ExtractMostSignificantBits()
                | (ulong)Vector256.LessThan(Vector256.LoadUnsafe(ref p, 32), v).ExtractMostSignificantBits() << 32;
        }
        var w = Vector128.Create(value);
        return Vector128.LessThan(Vector128.LoadUnsafe(ref p), w).ExtractMostSignificantBits()
            | (ulong)Vector128.LessThan(Vector128.LoadUnsafe(ref p, 16), w).ExtractMostSignificantBits() << 16
            | (ulong)Vector128.LessThan(Vector128.LoadUnsafe(ref p, 32), w).ExtractMostSignificantBits() << 32
            | (ulong)Vector128.LessThan(Vector128.LoadUnsafe(ref p, 48), w).ExtractMostSignificantBits() << 48;
    }

    /// <summary>
    /// The bytes escaped by a backslash (simdjson's escape scanner): <paramref name="carry"/> = 1 when the block's
    /// first byte is escaped by the previous block; <paramref name="nextCarry"/> the same for the next block.
    /// </summary>
    public static ulong Escaped(ulong backslashes, ulong carry, out ulong nextCarry)
    {
        const ulong OddBits = 0xAAAAAAAAAAAAAAAAUL;
        if (backslashes == 0)
        {
            nextCarry = 0;
            return carry;
        }
        var potential = backslashes & ~carry;
        var code = (((potential << 1) | OddBits) - potential) ^ OddBits;
        nextCarry = (code & backslashes) >> 63;
        return code ^ (backslashes | carry);
    }

    /// <summary>Bit i = XOR of bits 0..i: set from an opening quote up to (not including) its closing quote.</summary>
    public static ulong PrefixXor(ulong x)
    {
        if (System.Runtime.Intrinsics.X86.Pclmulqdq.IsSupported)
        {
            // Carry-less multiplication by all ones is the prefix XOR in one instruction.
            var product = System.Runtime.Intrinsics.X86.Pclmulqdq.CarrylessMultiply(
                Vector128.CreateScalar(x), Vector128.Create(ulong.MaxValue), 0);
            return product.ToScalar();
        }
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        return x;
    }
}
