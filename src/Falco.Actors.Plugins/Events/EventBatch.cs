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
    private int _start; // where the payloads begin in _buffer (0 unless the batch was made over a received buffer)

    public EventBatch(int capacity = 128, int bufferBytes = 64 * 1024) : this(capacity, new byte[Math.Max(16, bufferBytes)])
    {
    }

    private EventBatch(int capacity, byte[] buffer)
    {
        capacity = Math.Max(1, capacity);
        _buffer = buffer;
        _nums = new ulong[capacity];
        _timestamps = new ulong[capacity];
        _pluginIds = new uint[capacity];
        _offsets = new int[capacity];
        _lengths = new int[capacity];
    }

    /// <summary>
    /// A batch over <paramref name="buffer"/> taken as it is, without a copy (a received message whose payloads are
    /// already laid out one after the other from <paramref name="start"/>): <see cref="AddInPlace"/> appends events
    /// whose payloads are the buffer's next bytes. The caller hands the array over and must not change it afterwards.
    /// </summary>
    public static EventBatch Over(byte[] buffer, int start, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, buffer.Length);
        return new EventBatch(capacity, buffer) { _start = start };
    }

    public int Count { get; private set; }

    /// <summary>Total payload bytes held.</summary>
    public int PayloadBytes => _used;

    /// <summary>Every payload, in order, back to back (<see cref="PayloadBytes"/> long).</summary>
    public ReadOnlySpan<byte> Payloads => _buffer.AsSpan(_start, _used);

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
        if (_start + _used + length > _buffer.Length)
        {
            Grow(length);
        }
        var i = Append(num, timestampNs, pluginId, length);
        return _buffer.AsSpan(_offsets[i], length);
    }

    /// <summary>
    /// Appends one event whose <paramref name="length"/> payload bytes are already in place: the next bytes of the
    /// buffer of a batch made by <see cref="Over"/>.
    /// </summary>
    public void AddInPlace(ulong num, ulong timestampNs, uint pluginId, int length)
    {
        if (length < 0 || _start + _used + length > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"{length} payload bytes go past the end of the batch's buffer");
        }
        Append(num, timestampNs, pluginId, length);
    }

    private int Append(ulong num, ulong timestampNs, uint pluginId, int length)
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
        var i = Count++;
        _nums[i] = num;
        _timestamps[i] = timestampNs;
        _pluginIds[i] = pluginId;
        _offsets[i] = _start + _used;
        _lengths[i] = length;
        _used += length;
        return i;
    }

    private void Grow(int length)
    {
        // Earlier events' Memory views stay valid: they keep pointing at the old buffer. Payloads move to the start
        // of the new one (a batch made over a received buffer no longer shares it).
        var bigger = new byte[Math.Max(_buffer.Length * 2, _used + length)];
        _buffer.AsSpan(_start, _used).CopyTo(bigger);
        for (var i = 0; i < Count; i++)
        {
            _offsets[i] -= _start;
        }
        _buffer = bigger;
        _start = 0;
    }

    /// <summary>Empties the batch for reuse (only once no reader holds its events).</summary>
    public void Clear()
    {
        Count = 0;
        _used = 0;
    }
}
