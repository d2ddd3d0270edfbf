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
    private readonly FieldRequest[] _single = new FieldRequest[1];
    private readonly ScratchBuffer _scratch = new();
    private ExtractionPlan? _plan;
    private bool _planIsAll = true;
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
        _planIsAll = false;
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
                _extractors[provider].Extract(in _event, requests, Values);
                foreach (var r in requests)
                {
                    Values.MarkExtracted(r.Slot);
                }
            }
        }
        if (!Values.IsExtracted(slot))
        {
            // Not in the plan: ask for this slot alone rather than fail.
            _single[0] = new FieldRequest(slot, info.Field.FieldId, info.Type, info.IsList, info.Argument);
            _extractors[provider].Extract(in _event, _single, Values);
            Values.MarkExtracted(slot);
        }
        return Values.Count(slot) > 0;
    }

    private ExtractionPlan CurrentPlan()
    {
        if (_planIsAll && (_plan is null || _plan.SlotCount != _slots.Count))
        {
            _plan = _slots.All;
        }
        return _plan!;
    }
}
