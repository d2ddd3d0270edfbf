using System.Buffers.Binary;
using System.Text;

namespace Falco.Actors.Plugins.Isolation;

/// <summary>
/// Builds one frame in a buffer it keeps for the next (a frame is a little-endian int32 body length, a
/// <see cref="HostMessage"/> byte, then the body), and sends it with one write.
/// </summary>
internal sealed class HostFrameWriter
{
    private const int HeaderBytes = 5;
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;

    /// <summary>Starts a frame of <paramref name="kind"/>.</summary>
    public void Begin(HostMessage kind)
    {
        _buffer[4] = (byte)kind;
        _length = HeaderBytes;
    }

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    public void WriteString(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        WriteInt32(bytes);
        Encoding.UTF8.GetBytes(value, Reserve(bytes));
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Writes the frame to <paramref name="stream"/> and flushes it.</summary>
    public void Send(Stream stream)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer, _length - HeaderBytes);
        stream.Write(_buffer, 0, _length);
        stream.Flush();
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
        var span = _buffer.AsSpan(_length, bytes);
        _length += bytes;
        return span;
    }
}
