using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Compilation;

namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary>
/// The per-owner state of evaluation: the current event, its value cache and one extractor per provider.
/// A slot is extracted lazily, at most once per event: the first time a slot of a provider is needed, that
/// provider is asked for all of its slots in the current plan in one call.
/// </summary>
public sealed class EvalContext
{
    private readonly SlotTable _slots;
    private readonly IFieldExtractor[] _extractors;
    private readonly uint[] _providerCalled;
    private FieldRequest[] _pending = new FieldRequest[8];
    private readonly ScratchBuffer _scratch = new();
    private ExtractionPlan? _plan;
    private uint _generation = 1;
    private PluginEvent _event;

    internal EvalContext(SlotTable slots, IReadOnlyList<IFieldExtractor> extractors, int providerCount)
    {
        if (extractors.Count != providerCount)
        {
            throw new ArgumentException(
                $"one extractor per field provider is needed: {providerCount} providers, {extractors.Count} extractors",
                nameof(extractors));
        }
        _slots = slots;
        _extractors = [.. extractors];
        _providerCalled = new uint[providerCount];
        Values = new FieldValues(Math.Max(16, slots.Count));
    }

    public PluginEvent Event => _event;

    public FieldValues Values { get; }

    /// <summary>Starts a new event: forgets every extracted value (O(1)).</summary>
    public void Reset(in PluginEvent evt)
    {
        _event = evt;
        Values.Reset();
        _generation++;
        if (_generation == 0)
        {
            Array.Clear(_providerCalled);
            _generation = 1;
        }
    }

    /// <summary>Which slots each provider is asked for from now on (by default: every slot of the table).</summary>
    public void UsePlan(ExtractionPlan plan)
    {
        _plan = plan;
    }

    /// <summary>Extracts (or computes) a slot if not yet done for this event; true when it has at least one value.</summary>
    public bool Ensure(int slot)
    {
        if (Values.IsExtracted(slot))
        {
            return Values.Count(slot) > 0;
        }
        var info = _slots.Slots[slot];
        if (info.IsDerived)
        {
            // Indexed loops: enumerating an IReadOnlyList would box its enumerator on every event.
            var inputs = info.Inputs;
            for (var i = 0; i < inputs.Count; i++)
            {
                if (!inputs[i].IsConstant)
                {
                    Ensure(inputs[i].Slot);
                }
            }
            FieldTransformers.Apply(info, _slots.Slots, Values, _scratch);
            Values.MarkExtracted(slot);
            return Values.Count(slot) > 0;
        }
        var provider = info.Field.Provider;
        if (_providerCalled[provider] != _generation)
        {
            _providerCalled[provider] = _generation;
            var requests = CurrentPlan().RequestsFor(provider);
            if (!requests.IsEmpty)
            {
                Extract(provider, requests);
            }
        }
        if (!Values.IsExtracted(slot))
        {
            // The plan changed after this provider was asked (the rule index picks a bucket once it has read its
            // key), or the slot is outside the plan: one more call for every planned slot still missing, this one
            // included.
            Extract(provider, PendingRequests(provider, info, slot));
        }
        return Values.Count(slot) > 0;
    }

    private ReadOnlySpan<FieldRequest> PendingRequests(int provider, SlotInfo info, int slot)
    {
        var planned = CurrentPlan().RequestsFor(provider);
        if (_pending.Length < planned.Length + 1)
        {
            _pending = new FieldRequest[planned.Length + 1];
        }
        var count = 0;
        var includesSlot = false;
        foreach (var r in planned)
        {
            if (!Values.IsExtracted(r.Slot))
            {
                _pending[count++] = r;
                includesSlot |= r.Slot == slot;
            }
        }
        if (!includesSlot)
        {
            _pending[count++] = new FieldRequest(slot, info.Field.FieldId, info.Type, info.IsList, info.Argument);
        }
        return _pending.AsSpan(0, count);
    }

    // Without a plan of its own, every slot of the table (SlotTable.All rebuilds itself when slots are added).
    private ExtractionPlan CurrentPlan() => _plan ?? _slots.All;

    private void Extract(int provider, ReadOnlySpan<FieldRequest> requests)
    {
        _extractors[provider].Extract(in _event, requests, Values);
        foreach (var r in requests)
        {
            Values.MarkExtracted(r.Slot);
        }
    }
}
