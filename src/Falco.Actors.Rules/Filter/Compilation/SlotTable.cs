using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>
/// The slots of one compiler: every distinct field+argument (and transformer output) used by the conditions and
/// outputs compiled with it gets one slot, so each is extracted at most once per event.
/// </summary>
public sealed class SlotTable
{
    private readonly List<SlotInfo> _slots = [];
    private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);
    private readonly FieldRegistry _registry;
    private ExtractionPlan? _all;

    internal SlotTable(FieldRegistry registry) => _registry = registry;

    public int Count => _slots.Count;

    public IReadOnlyList<SlotInfo> Slots => _slots;

    /// <summary>A plan asking every provider for all of its slots.</summary>
    public ExtractionPlan All
    {
        get
        {
            if (_all is null || _all.SlotCount != _slots.Count)
            {
                _all = Build(Enumerable.Range(0, _slots.Count));
            }
            return _all;
        }
    }

    /// <summary>A plan for the given slots (a derived slot brings in the field slot it is computed from).</summary>
    public ExtractionPlan PlanFor(IEnumerable<int> slots) => Build(slots);

    internal bool TryFind(string text, out int slot) => _byText.TryGetValue(text, out slot);

    internal SlotInfo Add(SlotInfo info)
    {
        var slot = _slots.Count;
        var stored = info with { Slot = slot };
        _slots.Add(stored);
        _byText[stored.Text] = slot;
        return stored;
    }

    /// <summary>Adds the extracted slots a slot needs: itself, or the inputs of a transformer, recursively.</summary>
    private void AddExtracted(int slot, List<FieldRequest>?[] perProvider, HashSet<int> seen)
    {
        if (!seen.Add(slot))
        {
            return;
        }
        var info = _slots[slot];
        if (info.IsDerived)
        {
            foreach (var input in info.Inputs)
            {
                if (!input.IsConstant)
                {
                    AddExtracted(input.Slot, perProvider, seen);
                }
            }
            return;
        }
        var list = perProvider[info.Field.Provider] ??= [];
        list.Add(new FieldRequest(info.Slot, info.Field.FieldId, info.Type, info.IsList, info.Argument));
    }

    private ExtractionPlan Build(IEnumerable<int> slots)
    {
        var providerCount = _registry.Providers.Count;
        var perProvider = new List<FieldRequest>?[providerCount];
        var seen = new HashSet<int>();
        foreach (var s in slots)
        {
            if ((uint)s >= (uint)_slots.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(slots), $"slot {s} does not exist");
            }
            AddExtracted(s, perProvider, seen);
        }
        var requests = new FieldRequest[providerCount][];
        for (var p = 0; p < providerCount; p++)
        {
            requests[p] = perProvider[p]?.ToArray() ?? [];
        }
        return new ExtractionPlan(requests, _slots.Count);
    }
}
