using System.Buffers.Binary;
using System.Text;

namespace Falco.Actors.Plugins.Isolation;

/// <summary>
/// Reads one frame at a time (see <see cref="HostFrameWriter"/>) into a buffer it keeps for the next, then the
/// frame's body field by field. A stream that ends before a frame begins returns null: the other side is gone.
/// </summary>
internal sealed class HostFrameReader
{
    /// <summary>Larger than any batch a session hands over; a longer length means the stream is not ours.</summary>
    public const int MaxFrameBytes = 1 << 30;

    private readonly byte[] _header = new byte[5];
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private int _position;

    /// <summary>Reads the next frame; null when the stream ended between frames.</summary>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    /// <exception cref="InvalidDataException">The length is not one a frame can have.</exception>
    public HostMessage? Receive(Stream stream)
    {
        var first = stream.ReadAtLeast(_header, _header.Length, throwOnEndOfStream: false);
        if (first == 0)
        {
            return null;
        }
        if (first < _header.Length)
        {
            throw new EndOfStreamException("the stream ended inside a frame header");
        }
        var length = BinaryPrimitives.ReadInt32LittleEndian(_header);
        if (length is < 0 or > MaxFrameBytes)
        {
            throw new InvalidDataException($"a frame of {length} bytes (at most {MaxFrameBytes})");
        }
        if (length > _buffer.Length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }
        stream.ReadExactly(_buffer, 0, length);
        _length = length;
        _position = 0;
        return (HostMessage)_header[4];
    }

    public byte ReadByte() => Take(1)[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public string ReadString() => Encoding.UTF8.GetString(Take(Count()));

    /// <summary>The next <paramref name="bytes"/> bytes of the body, in place (valid until the next frame).</summary>
    public ReadOnlySpan<byte> ReadBytes(int bytes) => Take(bytes);

    /// <summary>A non-negative int32 that counts something still to read.</summary>
    public int Count()
    {
        var count = ReadInt32();
        return count >= 0 ? count : throw new InvalidDataException($"a negative count ({count}) in a frame");
    }

    private ReadOnlySpan<byte> Take(int bytes)
    {
        if (bytes > _length - _position)
        {
            throw new InvalidDataException($"a frame of {_length} bytes ends before its field at byte {_position} ({bytes} bytes)");
        }
        var span = _buffer.AsSpan(_position, bytes);
        _position += bytes;
        return span;
    }
}
