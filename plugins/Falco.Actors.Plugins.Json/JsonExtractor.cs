using Falco.Actors.Json.Extraction;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Json;

/// <summary>
/// The json plugin's extraction: each requested field extracts itself (<see cref="JsonPluginFields"/>) from the
/// call's <see cref="JsonEvent"/>, which parses the payload at most once per event and only when a field needs it. A
/// payload that is not JSON gives no values (Falco's "no value" for a failed extraction).
/// </summary>
public sealed class JsonExtractor : IFieldExtractor
{
    private readonly JsonEvent _event;

    /// <param name="cache">The owner's record cache; null = the calling thread's <see cref="RecordCache.Shared"/>.</param>
    public JsonExtractor(RecordCache? cache = null) => _event = new JsonEvent(cache);

    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        _event.Begin(evt);
        foreach (ref readonly var request in requests)
        {
            values.MarkExtracted(request.Slot);
            JsonPluginFields.Table.Extract(_event, request, values);
        }
        _event.End();
    }
}
