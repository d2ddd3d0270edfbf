using System.Buffers;
using System.Text;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// Writes one message into a buffer rented from the shared pool (grown by renting a bigger one), then copies it out
/// once, exactly sized, for Akka. Integers are LEB128 varints (zigzag for signed deltas), strings are a varint byte
/// length and UTF-8. Dispose returns the buffer.
/// </summary>
public sealed class WireWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public WireWriter(int initialBytes = 4096) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(64, initialBytes));

    public int Length => _length;

    /// <summary>What has been written so far (valid until the next write or Dispose).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    public byte[] ToArray()
    {
        // Batches are hundreds of KB (large-object heap): skip zeroing what is overwritten at once.
        var bytes = GC.AllocateUninitializedArray<byte>(_length);
        _buffer.AsSpan(0, _length).CopyTo(bytes);
        return bytes;
    }

    public void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        _length++;
    }

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteVarUInt64(ulong value)
    {
        var span = Reserve(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        _length += i;
    }

    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteString(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)bytes);
        Encoding.UTF8.GetBytes(value, Reserve(bytes));
        _length += bytes;
    }

    /// <summary>A string that may be null (length + 1; 0 is null).</summary>
    public void WriteNullableString(string? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }
        var bytes = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)bytes + 1);
        Encoding.UTF8.GetBytes(value, Reserve(bytes));
        _length += bytes;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        return _buffer.AsSpan(_length);
    }
}
