using Falco.Actors.Json.Extraction;
using Falco.Actors.Json.Parsing;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.CloudTrail.Fields;

/// <summary>
/// Extracts the cloudtrail plugin's fields from CloudTrail records. The record is parsed at most once per event
/// through the owner's <see cref="RecordCache"/> (shared with the json extractor), only when a field is asked, and
/// values are written as UTF-8 straight into <see cref="FieldValues"/>. Semantics follow Falco's plugin, with three
/// intended fixes of its bugs: <c>ct.request.documentname</c> extracts <c>requestParameters.documentName</c>
/// (Falco's never extracts), <c>ct.sessioncredentialfromconsole</c> reads the string <c>"true"</c> CloudTrail
/// writes as true (Falco's reads only a JSON bool), and <c>ct.info</c>'s PutBucketPublicAccessBlock flags come from
/// the request (see <see cref="CloudTrailInfo"/>).
/// </summary>
public sealed class CloudTrailExtractor : IFieldExtractor
{
    private readonly RecordCache? _cache;

    /// <param name="cache">The owner's record cache; null = the calling thread's <see cref="RecordCache.Shared"/>.</param>
    public CloudTrailExtractor(RecordCache? cache = null) => _cache = cache;

    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        JsonTape? tape = null;
        var loaded = false;
        foreach (var request in requests)
        {
            values.MarkExtracted(request.Slot);
            if (!loaded)
            {
                tape = Load(evt);
                loaded = true;
            }
            if (tape is not null)
            {
                CloudTrailFields.Table.Extract(tape, request, values);
            }
        }
    }

    private JsonTape? Load(in PluginEvent evt)
    {
        if (evt.Payload.IsEmpty)
        {
            return null;
        }
        var tape = (_cache ?? RecordCache.Shared).Get(evt);
        return tape.IsValid && tape.Kind(JsonTape.Root) == JsonKind.Object ? tape : null;
    }
}
