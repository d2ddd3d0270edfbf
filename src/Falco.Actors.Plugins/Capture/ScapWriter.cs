using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Rules.Events;

namespace Falco.Actors.Plugins.Capture;

/// <summary>Options of a capture file writer.</summary>
public sealed record ScapWriterOptions
{
    /// <summary>Compress the file with gzip (libscap reads both).</summary>
    public bool Gzip { get; init; }

    /// <summary>The machine info block to write after the section header; null writes none (libscap does not need it).</summary>
    public ScapMachineInfo? MachineInfo { get; init; } = ScapMachineInfo.Current();

    /// <summary>The cpu id written in every event block (plugin events have none; libsinsp writes 0).</summary>
    public ushort CpuId { get; init; }
}

/// <summary>
/// Writes plugin events as a libscap capture file (.scap), readable by Falco (<c>-e file.scap</c>) and by
/// <see cref="ScapReader"/>: a section header block, a machine info block, then one EV_BLOCK_TYPE_V2_LARGE block per
/// event holding a PPME_PLUGINEVENT_E (plugin id + payload) with tid −1, as libsinsp dumps plugin events.
/// <para>
/// To record the events a run consumed: create one writer per run (<see cref="Create"/>), give it each batch after it
/// was read (<see cref="Write(EventBatch)"/>, in order, from the one actor that owns the writer) and dispose it at the
/// end. Writing copies nothing and allocates nothing per event; events keep their timestamps and plugin ids, their
/// numbers are not stored (a reader numbers events in file order).
/// </para>
/// </summary>
public sealed class ScapWriter : IDisposable
{
    // Block header (8) + cpuid (2) + event header (26) + two u32 param lengths (8) + plugin id (4).
    private const int PrefixSize = ScapFormat.BlockHeaderSize + 2 + ScapFormat.PluginEventPayloadOffset;

    private readonly Stream _output;
    private readonly Stream _target;
    private readonly bool _leaveOpen;
    private readonly ushort _cpuId;
    private readonly byte[] _prefix = new byte[PrefixSize];
    private readonly byte[] _tail = new byte[8];
    private bool _disposed;

    /// <summary>Writes to <paramref name="output"/> (gzip-compressed when the options say so).</summary>
    public ScapWriter(Stream output, ScapWriterOptions? options = null, bool leaveOpen = false)
    {
        options ??= new ScapWriterOptions();
        _target = output;
        _leaveOpen = leaveOpen;
        _cpuId = options.CpuId;
        _output = options.Gzip ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true) : output;
        WriteSectionHeader();
        if (options.MachineInfo is { } machine)
        {
            WriteMachineInfo(machine);
        }
    }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    public static ScapWriter Create(string path, ScapWriterOptions? options = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), options);

    public long EventsWritten { get; private set; }

    /// <summary>Appends one plugin event.</summary>
    public void Write(in PluginEvent evt) => Write(evt.TimestampNs, evt.PluginId, evt.Payload.Span);

    /// <summary>Appends every event of a batch, in order.</summary>
    public void Write(EventBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var evt = batch[i];
            Write(evt.TimestampNs, evt.PluginId, evt.Payload.Span);
        }
    }

    /// <summary>Appends one plugin event given by its parts.</summary>
    public void Write(ulong timestampNs, uint pluginId, ReadOnlySpan<byte> payload)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var eventLength = ScapFormat.PluginEventPayloadOffset + payload.Length;
        var body = 2 + eventLength;
        var padded = ScapFormat.Pad4(body);
        var total = ScapFormat.BlockHeaderSize + padded + ScapFormat.BlockTrailerSize;

        var p = _prefix.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(p, ScapFormat.EventBlockV2Large);
        BinaryPrimitives.WriteUInt32LittleEndian(p[4..], (uint)total);
        BinaryPrimitives.WriteUInt16LittleEndian(p[8..], _cpuId);
        var e = p[10..];
        BinaryPrimitives.WriteUInt64LittleEndian(e, timestampNs);
        BinaryPrimitives.WriteUInt64LittleEndian(e[8..], ScapFormat.NoThread);
        BinaryPrimitives.WriteUInt32LittleEndian(e[16..], (uint)eventLength);
        BinaryPrimitives.WriteUInt16LittleEndian(e[20..], ScapFormat.PluginEventType);
        BinaryPrimitives.WriteUInt32LittleEndian(e[22..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(e[26..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(e[30..], (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(e[34..], pluginId);
        _output.Write(_prefix);
        _output.Write(payload);

        var tail = _tail.AsSpan(0, padded - body + ScapFormat.BlockTrailerSize);
        tail.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(tail[^4..], (uint)total);
        _output.Write(tail);
        EventsWritten++;
    }

    public void Flush() => _output.Flush();

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _output.Flush();
        if (!ReferenceEquals(_output, _target))
        {
            _output.Dispose();
        }
        if (!_leaveOpen)
        {
            _target.Dispose();
        }
    }

    private void WriteSectionHeader()
    {
        Span<byte> b = stackalloc byte[ScapFormat.SectionHeaderBlockSize];
        BinaryPrimitives.WriteUInt32LittleEndian(b, ScapFormat.SectionHeaderBlock);
        BinaryPrimitives.WriteUInt32LittleEndian(b[4..], ScapFormat.SectionHeaderBlockSize);
        BinaryPrimitives.WriteUInt32LittleEndian(b[8..], ScapFormat.ByteOrderMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(b[12..], ScapFormat.MajorVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(b[14..], ScapFormat.MinorVersion);
        BinaryPrimitives.WriteUInt64LittleEndian(b[16..], ulong.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(b[24..], ScapFormat.SectionHeaderBlockSize);
        _output.Write(b);
    }

    private void WriteMachineInfo(ScapMachineInfo machine)
    {
        const int total = ScapFormat.BlockHeaderSize + ScapFormat.MachineInfoSize + ScapFormat.BlockTrailerSize;
        Span<byte> b = stackalloc byte[total];
        b.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(b, ScapFormat.MachineInfoBlock);
        BinaryPrimitives.WriteUInt32LittleEndian(b[4..], total);
        var m = b[8..];
        BinaryPrimitives.WriteUInt32LittleEndian(m, machine.NumCpus);
        BinaryPrimitives.WriteUInt64LittleEndian(m[4..], machine.MemorySizeBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(m[12..], machine.MaxPid);
        // hostname: char[128], NUL-terminated (truncated to 127 bytes).
        var host = Encoding.UTF8.GetBytes(machine.Hostname);
        host.AsSpan(0, Math.Min(host.Length, 127)).CopyTo(m[20..]);
        BinaryPrimitives.WriteUInt64LittleEndian(m[148..], machine.BootTimeEpochNs);
        BinaryPrimitives.WriteUInt64LittleEndian(m[156..], machine.Flags);
        // reserved3, reserved4 stay zero.
        BinaryPrimitives.WriteUInt32LittleEndian(b[^4..], total);
        _output.Write(b);
    }
}
