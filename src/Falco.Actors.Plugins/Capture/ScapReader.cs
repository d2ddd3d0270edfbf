using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Plugins.Capture;

/// <summary>
/// Reads the plugin events of a libscap capture file (.scap, plain or gzip-compressed, detected by its magic) into
/// <see cref="EventBatch"/>es, walking the file as libscap does (plugin-api §8.4): a section header block, metadata
/// blocks up to the first event block (machine info is read, every other block skipped by its length, each trailer
/// checked), then event blocks. Only plugin events (type 322) are kept; other events are counted and skipped. Each
/// event's plugin id is mapped to the source of a loaded source plugin; events of unknown ids are counted,
/// reported once per id through <see cref="UnknownPluginId"/>, and skipped (they have no source, so nothing could
/// evaluate them). Events are numbered from 1 in file order. A malformed file throws
/// <see cref="ScapFormatException"/> naming the file and the byte offset.
/// </summary>
public sealed class ScapReader : IDisposable
{
    private readonly Stream _input;
    private readonly IReadOnlyDictionary<uint, string> _sources;
    private readonly Dictionary<uint, long> _unknown = [];
    private readonly byte[] _header = new byte[ScapFormat.BlockHeaderSize];
    private byte[] _body = new byte[64 * 1024];
    private long _offset;
    private long _blockOffset;
    private bool _pending;
    private string? _pendingSource;
    private int _pendingPayloadOffset;
    private int _pendingPayloadLength;
    private ulong _pendingTimestamp;
    private uint _pendingPluginId;
    private bool _ended;
    private ulong _nextNum = 1;

    /// <param name="input">The file's bytes (gzip-compressed or not).</param>
    /// <param name="sourcesById">The source of each loaded source plugin's id (see <c>PluginSet.SourcesById</c>).</param>
    /// <param name="name">The file name used in messages.</param>
    public ScapReader(Stream input, IReadOnlyDictionary<uint, string> sourcesById, string? name = null)
    {
        Name = name ?? "capture";
        _sources = sourcesById;
        _input = Decompress(input);
        ReadPreamble();
    }

    /// <summary>Opens the capture file at <paramref name="path"/>.</summary>
    public static ScapReader Open(string path, IReadOnlyDictionary<uint, string> sourcesById) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), sourcesById, path);

    public string Name { get; }

    public ushort MajorVersion { get; private set; }

    public ushort MinorVersion { get; private set; }

    /// <summary>The machine info block, when the file has one.</summary>
    public ScapMachineInfo? MachineInfo { get; private set; }

    /// <summary>Plugin events handed out so far.</summary>
    public long EventsRead { get; private set; }

    /// <summary>Events that are not plugin events (syscalls, async events, …), skipped.</summary>
    public long OtherEventsSkipped { get; private set; }

    /// <summary>Plugin events skipped because no loaded source plugin has their id, per id.</summary>
    public IReadOnlyDictionary<uint, long> UnknownPluginIds => _unknown;

    /// <summary>Called the first time an event with an unknown plugin id is met.</summary>
    public event Action<uint>? UnknownPluginId;

    /// <summary>
    /// Appends up to <paramref name="maxEvents"/> events of one source to <paramref name="batch"/> (normally empty)
    /// and gives that source; a batch ends early where the next event belongs to another source. Returns false, with
    /// nothing appended, once the file has no more events.
    /// </summary>
    public bool ReadBatch(EventBatch batch, out string source, int maxEvents = 128)
    {
        source = "";
        var appended = 0;
        while (appended < Math.Max(1, maxEvents))
        {
            if (!_pending && !ReadNextPluginEvent())
            {
                break;
            }
            if (appended > 0 && _pendingSource != source)
            {
                break;
            }
            source = _pendingSource!;
            batch.Add(_nextNum++, _pendingTimestamp, _pendingPluginId,
                _body.AsSpan(_pendingPayloadOffset, _pendingPayloadLength));
            _pending = false;
            appended++;
            EventsRead++;
        }
        return appended > 0;
    }

    public void Dispose() => _input.Dispose();

    private static Stream Decompress(Stream input)
    {
        var magic = new byte[2];
        var n = input.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        var rest = new PrefixedStream(magic, n, input);
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B
            ? new BufferedStream(new GZipStream(rest, CompressionMode.Decompress), 1 << 16)
            : new BufferedStream(rest, 1 << 16);
    }

    private void ReadPreamble()
    {
        if (!ReadBlockHeader(out var type, out var length))
        {
            throw Error("the file is empty");
        }
        if (type != ScapFormat.SectionHeaderBlock)
        {
            throw Error($"invalid block type 0x{type:X}: a capture file starts with a section header block (0x{ScapFormat.SectionHeaderBlock:X})");
        }
        ReadSectionHeader(length);
        while (true)
        {
            if (!ReadBlockHeader(out type, out length))
            {
                throw Error("no events in file");
            }
            if (ScapFormat.IsEventBlock(type))
            {
                // Keep this first event block for ReadBatch.
                ReadBody(length);
                _pending = TakeEvent(type, length);
                return;
            }
            ReadMetadataBlock(type, length);
        }
    }

    private bool ReadNextPluginEvent()
    {
        while (!_ended)
        {
            if (!ReadBlockHeader(out var type, out var length))
            {
                _ended = true;
                return false;
            }
            if (!ScapFormat.IsEventBlock(type))
            {
                // libscap reports SCAP_UNEXPECTED_BLOCK here; a new section or stray metadata is read past.
                if (type == ScapFormat.SectionHeaderBlock)
                {
                    ReadSectionHeader(length);
                }
                else
                {
                    ReadMetadataBlock(type, length);
                }
                continue;
            }
            ReadBody(length);
            if (TakeEvent(type, length))
            {
                _pending = true;
                return true;
            }
        }
        return false;
    }

    /// <summary>Parses the event block in <see cref="_body"/>; true when it holds a plugin event of a known source.</summary>
    private bool TakeEvent(uint blockType, int blockLength)
    {
        var bodyLength = blockLength - ScapFormat.BlockHeaderSize - ScapFormat.BlockTrailerSize;
        var start = 2 + (ScapFormat.HasFlags(blockType) ? 4 : 0);
        var v2 = ScapFormat.IsV2EventBlock(blockType);
        var headerSize = v2 ? ScapFormat.EventHeaderSize : ScapFormat.EventHeaderSize - 4;
        if (bodyLength < start + headerSize)
        {
            throw Error($"block length too short {blockLength}");
        }
        var evt = _body.AsSpan(start, bodyLength - start);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(evt[20..]);
        if (!v2 || type != ScapFormat.PluginEventType)
        {
            // v1 blocks predate plugin events; everything else is not a plugin event.
            OtherEventsSkipped++;
            return false;
        }
        var length = BinaryPrimitives.ReadUInt32LittleEndian(evt[16..]);
        if (length < ScapFormat.EventHeaderSize || length > (uint)evt.Length)
        {
            throw Error($"event length {length} does not fit in its block ({evt.Length} bytes)");
        }
        evt = evt[..(int)length];
        var nparams = BinaryPrimitives.ReadUInt32LittleEndian(evt[22..]);
        if (nparams != 2 || evt.Length < ScapFormat.PluginEventPayloadOffset)
        {
            throw Error($"malformed plugin event: {nparams} parameters, length {length} (expected 2 parameters, at least {ScapFormat.PluginEventPayloadOffset} bytes)");
        }
        var idLength = BinaryPrimitives.ReadUInt32LittleEndian(evt[26..]);
        var payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(evt[30..]);
        if (idLength != 4 || payloadLength > (uint)(evt.Length - ScapFormat.PluginEventPayloadOffset))
        {
            throw Error($"malformed plugin event: parameter lengths {idLength} and {payloadLength} do not fit its length {length}");
        }
        var pluginId = BinaryPrimitives.ReadUInt32LittleEndian(evt[34..]);
        if (!_sources.TryGetValue(pluginId, out var source))
        {
            var seen = _unknown.TryGetValue(pluginId, out var count);
            _unknown[pluginId] = count + 1;
            if (!seen)
            {
                UnknownPluginId?.Invoke(pluginId);
            }
            return false;
        }
        _pendingSource = source;
        _pendingTimestamp = BinaryPrimitives.ReadUInt64LittleEndian(evt);
        _pendingPluginId = pluginId;
        _pendingPayloadOffset = start + ScapFormat.PluginEventPayloadOffset;
        _pendingPayloadLength = (int)payloadLength;
        return true;
    }

    private void ReadSectionHeader(int length)
    {
        if (length < ScapFormat.SectionHeaderBlockSize)
        {
            throw Error($"section header block length {length} is shorter than {ScapFormat.SectionHeaderBlockSize}");
        }
        ReadBody(length);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(_body);
        if (magic != ScapFormat.ByteOrderMagic)
        {
            throw Error($"invalid magic number 0x{magic:X8} (expected 0x{ScapFormat.ByteOrderMagic:X8}, little-endian)");
        }
        MajorVersion = BinaryPrimitives.ReadUInt16LittleEndian(_body.AsSpan(4));
        MinorVersion = BinaryPrimitives.ReadUInt16LittleEndian(_body.AsSpan(6));
        if (MajorVersion > ScapFormat.MajorVersion)
        {
            throw Error($"cannot correctly parse the capture (format version {MajorVersion}.{MinorVersion}, this reader knows {ScapFormat.MajorVersion}.x)");
        }
    }

    private void ReadMetadataBlock(uint type, int length)
    {
        ReadBody(length);
        if ((type is ScapFormat.MachineInfoBlock or ScapFormat.MachineInfoBlockOld)
            && length - ScapFormat.BlockHeaderSize - ScapFormat.BlockTrailerSize >= ScapFormat.MachineInfoSize)
        {
            var m = _body.AsSpan();
            var host = m.Slice(20, 128);
            var nul = host.IndexOf((byte)0);
            MachineInfo = new ScapMachineInfo(
                BinaryPrimitives.ReadUInt32LittleEndian(m),
                BinaryPrimitives.ReadUInt64LittleEndian(m[4..]),
                BinaryPrimitives.ReadUInt64LittleEndian(m[12..]),
                Encoding.UTF8.GetString(nul < 0 ? host : host[..nul]),
                BinaryPrimitives.ReadUInt64LittleEndian(m[148..]),
                BinaryPrimitives.ReadUInt64LittleEndian(m[156..]));
        }
        // Process, fd, interface and user lists are of no use to plugin events: skipped by their length.
    }

    /// <summary>Reads a block header; false on a clean end of file.</summary>
    private bool ReadBlockHeader(out uint type, out int length)
    {
        _blockOffset = _offset;
        var n = _input.ReadAtLeast(_header, _header.Length, throwOnEndOfStream: false);
        _offset += n;
        if (n == 0)
        {
            type = 0;
            length = 0;
            return false;
        }
        if (n < _header.Length)
        {
            throw Error($"truncated block header ({n} of {_header.Length} bytes)");
        }
        type = BinaryPrimitives.ReadUInt32LittleEndian(_header);
        var total = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(4));
        if (total < ScapFormat.BlockHeaderSize + ScapFormat.BlockTrailerSize || total > int.MaxValue)
        {
            throw Error($"invalid block total length {total} for block type 0x{type:X}");
        }
        length = (int)total;
        return true;
    }

    /// <summary>Reads a block's body into <see cref="_body"/> and checks its trailer.</summary>
    private void ReadBody(int length)
    {
        var bodyLength = length - ScapFormat.BlockHeaderSize;
        if (_body.Length < bodyLength)
        {
            _body = new byte[Math.Max(bodyLength, _body.Length * 2)];
        }
        var n = _input.ReadAtLeast(_body.AsSpan(0, bodyLength), bodyLength, throwOnEndOfStream: false);
        _offset += n;
        if (n < bodyLength)
        {
            throw Error($"truncated block: {n + ScapFormat.BlockHeaderSize} of {length} bytes");
        }
        var trailer = BinaryPrimitives.ReadUInt32LittleEndian(_body.AsSpan(bodyLength - 4));
        if (trailer != (uint)length)
        {
            throw Error($"wrong block total length, header={length}, trailer={trailer}");
        }
    }

    private ScapFormatException Error(string what) => new($"capture '{Name}': block at byte {_blockOffset}: {what}");
}
