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
        var stored = info with { Slot = slot, RootSlot = info.IsDerived ? _slots[info.InputSlot].RootSlot : slot };
        _slots.Add(stored);
        _byText[stored.Text] = slot;
        return stored;
    }

    private ExtractionPlan Build(IEnumerable<int> slots)
    {
        var providerCount = _registry.Providers.Count;
        var perProvider = new List<FieldRequest>[providerCount];
        var seen = new HashSet<int>();
        foreach (var s in slots)
        {
            if ((uint)s >= (uint)_slots.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(slots), $"slot {s} does not exist");
            }
            var root = _slots[_slots[s].RootSlot];
            if (!seen.Add(root.Slot))
            {
                continue;
            }
            var list = perProvider[root.Field.Provider] ??= [];
            list.Add(new FieldRequest(root.Slot, root.Field.FieldId, root.Type, root.IsList, root.Argument));
        }
        var requests = new FieldRequest[providerCount][];
        for (var p = 0; p < providerCount; p++)
        {
            requests[p] = perProvider[p]?.ToArray() ?? [];
        }
        return new ExtractionPlan(requests, _slots.Count);
    }
}
