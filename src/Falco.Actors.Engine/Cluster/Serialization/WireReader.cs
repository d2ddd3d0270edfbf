using System.Text;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>Reads what <see cref="WireWriter"/> wrote; a truncated or malformed message throws <see cref="WireFormatException"/>.</summary>
public ref struct WireReader(ReadOnlySpan<byte> bytes, string manifest)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly int Remaining => _bytes.Length - _position;

    /// <summary>Bytes read so far: the offset of the next byte in the message.</summary>
    public readonly int Position => _position;

    public byte ReadByte()
    {
        Need(1);
        return _bytes[_position++];
    }

    public ulong ReadVarUInt64()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw Malformed("a varint is longer than 10 bytes");
    }

    public long ReadVarInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A zigzag varint that must fit an int.</summary>
    public int ReadInt32()
    {
        var value = ReadVarInt64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Malformed($"{value} does not fit an int");
    }

    /// <summary>A flag: one byte, 0 or 1.</summary>
    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw Malformed($"{b} is not a flag (0 or 1)"),
    };

    /// <summary>A varint that must fit a non-negative int (a count or a length).</summary>
    public int ReadCount(string what)
    {
        var value = ReadVarUInt64();
        return value <= int.MaxValue ? (int)value : throw Malformed($"{what} {value} is out of range");
    }

    public string ReadString()
    {
        var length = ReadCount("a string length");
        return Encoding.UTF8.GetString(ReadBytes(length));
    }

    public string? ReadNullableString()
    {
        var length = ReadCount("a string length");
        return length == 0 ? null : Encoding.UTF8.GetString(ReadBytes(length - 1));
    }

    public ReadOnlySpan<byte> ReadBytes(int length)
    {
        Need(length);
        var span = _bytes.Slice(_position, length);
        _position += length;
        return span;
    }

    public readonly void ExpectEnd()
    {
        if (Remaining != 0)
        {
            throw Malformed($"{Remaining} unexpected byte(s) after the message");
        }
    }

    public readonly WireFormatException Malformed(string what) =>
        new($"malformed '{manifest}' message at byte {_position} of {_bytes.Length}: {what}");

    private readonly void Need(int bytes)
    {
        if (bytes < 0 || _position + bytes > _bytes.Length)
        {
            throw Malformed($"{bytes} more byte(s) needed, the message ends");
        }
    }
}
