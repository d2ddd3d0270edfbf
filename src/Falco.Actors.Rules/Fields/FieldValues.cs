using System.Runtime.CompilerServices;
using System.Text;

namespace Falco.Actors.Rules.Fields;

/// <summary>
/// The per-event cache of extracted field values, indexed by slot. One instance per owner, reused for every event:
/// <see cref="Reset"/> is O(1) (a generation counter), and values live in arrays that only grow, so steady-state
/// extraction allocates nothing. Numbers are stored inline; text, bytes and addresses as slices of one byte arena.
/// A slot's values are contiguous: an extractor writes all values of one request before the next.
/// </summary>
public sealed class FieldValues
{
    private struct Value
    {
        public ulong Number;
        public int Offset;
        public int Length;
    }

    private struct SlotState
    {
        public uint Generation;
        public int First;
        public int Count;
    }

    private SlotState[] _slots;
    private Value[] _values = new Value[64];
    private byte[] _arena = new byte[4096];
    private int _valueCount;
    private int _arenaUsed;
    private int _lastSlot = -1;
    // Starts at 1 so that zero-initialised slot states read as "not extracted".
    private uint _generation = 1;

    public FieldValues(int slotCount = 16) => _slots = new SlotState[Math.Max(1, slotCount)];

    /// <summary>Forgets every value: the next event starts with no slot extracted.</summary>
    public void Reset()
    {
        _generation++;
        if (_generation == 0)
        {
            Array.Clear(_slots);
            _generation = 1;
        }
        _valueCount = 0;
        _arenaUsed = 0;
        _lastSlot = -1;
    }

    /// <summary>True once the slot was extracted for the current event (with or without values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsExtracted(int slot) => slot < _slots.Length && _slots[slot].Generation == _generation;

    /// <summary>Marks a slot extracted; a slot marked without values is missing.</summary>
    public void MarkExtracted(int slot)
    {
        ref var s = ref SlotRef(slot);
        if (s.Generation != _generation)
        {
            s.Generation = _generation;
            s.First = _valueCount;
            s.Count = 0;
        }
    }

    /// <summary>Number of values of an extracted slot (0 = missing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Count(int slot) => IsExtracted(slot) ? _slots[slot].Count : 0;

    public bool HasValue(int slot) => Count(slot) > 0;

    public ulong GetNumber(int slot, int index = 0) => _values[At(slot, index)].Number;

    public bool GetBool(int slot, int index = 0) => GetNumber(slot, index) != 0;

    public ReadOnlySpan<byte> GetBytes(int slot, int index = 0)
    {
        ref readonly var v = ref _values[At(slot, index)];
        return new ReadOnlySpan<byte>(_arena, v.Offset, v.Length);
    }

    public string GetString(int slot, int index = 0) => Encoding.UTF8.GetString(GetBytes(slot, index));

    public void AddNumber(int slot, ulong value) => Append(slot).Number = value;

    public void AddBool(int slot, bool value) => Append(slot).Number = value ? 1UL : 0UL;

    /// <summary>Adds a string, bytes or address value, copying it into the arena.</summary>
    public void AddBytes(int slot, ReadOnlySpan<byte> bytes) => bytes.CopyTo(AddBytes(slot, bytes.Length));

    /// <summary>Adds a value of <paramref name="length"/> bytes and returns the span to fill it in place.</summary>
    public Span<byte> AddBytes(int slot, int length)
    {
        var offset = Reserve(length);
        ref var v = ref Append(slot);
        v.Offset = offset;
        v.Length = length;
        return new Span<byte>(_arena, offset, length);
    }

    /// <summary>Adds a string value given as UTF-16, stored as UTF-8.</summary>
    public void AddString(int slot, ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var offset = Reserve(max);
        var written = Encoding.UTF8.GetBytes(text, new Span<byte>(_arena, offset, max));
        _arenaUsed = offset + written;
        ref var v = ref Append(slot);
        v.Offset = offset;
        v.Length = written;
    }

    /// <summary>Shrinks the last value added to a slot by <see cref="AddBytes(int,int)"/> to its final length.</summary>
    public void TrimLast(int slot, int length)
    {
        if (_lastSlot != slot || _valueCount == 0)
        {
            throw new InvalidOperationException($"slot {slot} has not just been written");
        }
        ref var v = ref _values[_valueCount - 1];
        if ((uint)length > (uint)v.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }
        _arenaUsed = v.Offset + length;
        v.Length = length;
    }

    private ref Value Append(int slot)
    {
        ref var s = ref SlotRef(slot);
        if (s.Generation != _generation)
        {
            s.Generation = _generation;
            s.First = _valueCount;
            s.Count = 0;
        }
        else if (s.Count > 0 && _lastSlot != slot)
        {
            throw new InvalidOperationException($"values of slot {slot} must be added contiguously");
        }
        if (_valueCount == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }
        s.Count++;
        _lastSlot = slot;
        ref var v = ref _values[_valueCount++];
        v = default;
        return ref v;
    }

    private int Reserve(int length)
    {
        var offset = _arenaUsed;
        if (offset + length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, offset + length));
        }
        _arenaUsed = offset + length;
        return offset;
    }

    private ref SlotState SlotRef(int slot)
    {
        if (slot >= _slots.Length)
        {
            Array.Resize(ref _slots, Math.Max(slot + 1, _slots.Length * 2));
        }
        return ref _slots[slot];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int At(int slot, int index)
    {
        ref readonly var s = ref _slots[slot];
        if (s.Generation != _generation || (uint)index >= (uint)s.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"slot {slot} has no value {index}");
        }
        return s.First + index;
    }
}
