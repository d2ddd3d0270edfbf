using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>
/// Which extracted slots each provider is asked for when the first of its slots is needed for an event: one
/// request array per provider, passed to the provider's extractor in a single call.
/// </summary>
public sealed class ExtractionPlan
{
    private readonly FieldRequest[][] _requests;

    internal ExtractionPlan(FieldRequest[][] requests, int slotCount)
    {
        _requests = requests;
        SlotCount = slotCount;
    }

    /// <summary>How many slots the table had when the plan was made.</summary>
    public int SlotCount { get; }

    public int ProviderCount => _requests.Length;

    /// <summary>The requests for one provider (empty when the plan needs none of its fields).</summary>
    public ReadOnlySpan<FieldRequest> RequestsFor(int provider) =>
        provider < _requests.Length ? _requests[provider] : ReadOnlySpan<FieldRequest>.Empty;
}
