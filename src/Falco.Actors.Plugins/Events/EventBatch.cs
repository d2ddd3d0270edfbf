using Falco.Actors.Rules.Events;

namespace Falco.Actors.Plugins.Events;

/// <summary>
/// A batch of plugin events whose payloads share one buffer, so a batch is a few arrays however many events it
/// holds. Events are appended (copied out of plugin memory) by a session, then read by index. Event numbers are
/// given by the owner of the stream when appending.
/// </summary>
public sealed class EventBatch
{
    private byte[] _buffer;
    private ulong[] _nums;
    private ulong[] _timestamps;
    private uint[] _pluginIds;
    private int[] _offsets;
    private int[] _lengths;
    private int _used;

    public EventBatch(int capacity = 128, int bufferBytes = 64 * 1024)
    {
        capacity = Math.Max(1, capacity);
        _buffer = new byte[Math.Max(16, bufferBytes)];
        _nums = new ulong[capacity];
        _timestamps = new ulong[capacity];
        _pluginIds = new uint[capacity];
        _offsets = new int[capacity];
        _lengths = new int[capacity];
    }

    public int Count { get; private set; }

    /// <summary>Total payload bytes held.</summary>
    public int PayloadBytes => _used;

    public PluginEvent this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            return new PluginEvent(_nums[index], _timestamps[index], _pluginIds[index],
                new ReadOnlyMemory<byte>(_buffer, _offsets[index], _lengths[index]));
        }
    }

    /// <summary>Appends one event, copying its payload.</summary>
    public void Add(ulong num, ulong timestampNs, uint pluginId, ReadOnlySpan<byte> payload) =>
        payload.CopyTo(Add(num, timestampNs, pluginId, payload.Length));

    /// <summary>Appends one event of <paramref name="length"/> payload bytes and returns the span to fill.</summary>
    public Span<byte> Add(ulong num, ulong timestampNs, uint pluginId, int length)
    {
        if (Count == _nums.Length)
        {
            var n = _nums.Length * 2;
            Array.Resize(ref _nums, n);
            Array.Resize(ref _timestamps, n);
            Array.Resize(ref _pluginIds, n);
            Array.Resize(ref _offsets, n);
            Array.Resize(ref _lengths, n);
        }
        if (_used + length > _buffer.Length)
        {
            // Earlier events' Memory views stay valid: they keep pointing at the old buffer.
            var bigger = new byte[Math.Max(_buffer.Length * 2, _used + length)];
            _buffer.AsSpan(0, _used).CopyTo(bigger);
            _buffer = bigger;
        }
        var i = Count++;
        _nums[i] = num;
        _timestamps[i] = timestampNs;
        _pluginIds[i] = pluginId;
        _offsets[i] = _used;
        _lengths[i] = length;
        _used += length;
        return _buffer.AsSpan(_offsets[i], length);
    }

    /// <summary>Empties the batch for reuse (only once no reader holds its events).</summary>
    public void Clear()
    {
        Count = 0;
        _used = 0;
    }
}
