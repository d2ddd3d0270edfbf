using Falco.Actors.Json.Extraction;
using Falco.Actors.Json.Parsing;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Json;

/// <summary>
/// The json plugin's fields in get_fields order (position = field id), each with how it is extracted; the
/// <c>jevt.*</c> aliases share their <c>json.*</c> field's extraction. A new field is one entry here (and a test).
/// </summary>
public static class JsonPluginFields
{
    private static readonly FieldArgSpec PointerArg = new(IsRequired: true, IsIndex: false, IsKey: true);

    private static readonly FieldExtraction<JsonEvent> Value = static (e, in r, v) => AddValue(v, e, r);
    private static readonly FieldExtraction<JsonEvent> Obj = static (e, in r, v) => AddIndented(v, r.Slot, e.Document);
    private static readonly FieldExtraction<JsonEvent> RawTime = static (e, in r, v) => JsonFieldWriter.AddDecimal(v, r.Slot, e.TimestampNs);

    public static ManagedFieldTable<JsonEvent> Table { get; } = new(
    [
        new(new("json.value", FieldType.String,
            "Extracts a value from a JSON-encoded input. Syntax is json.value[<json pointer>], where <json pointer> is a json pointer (see https://datatracker.ietf.org/doc/html/rfc6901)")
        { Display = "JSON Value", Arg = PointerArg }, Value),
        new(new("json.obj", FieldType.String, "The full json message as a text string.") { Display = "JSON Object" }, Obj),
        new(new("json.rawtime", FieldType.String, "The time of the event, identical to evt.rawtime.") { Display = "JSON Raw Time" }, RawTime),
        new(new("jevt.value", FieldType.String,
            "Alias for json.value, provided for backwards compatibility.")
        { Display = "JSON Value", Arg = PointerArg }, Value),
        new(new("jevt.obj", FieldType.String, "Alias for json.obj, provided for backwards compatibility.") { Display = "JSON Object" }, Obj),
        new(new("jevt.rawtime", FieldType.String, "Alias for json.rawtime, provided for backwards compatibility.") { Display = "JSON Raw Time" }, RawTime),
    ]);

    public static IReadOnlyList<FieldInfo> All => Table.Fields;

    /// <summary>The node the pointer designates: a string unquoted (escapes decoded), any other as its compact JSON text.</summary>
    private static void AddValue(FieldValues values, JsonEvent evt, in FieldRequest request)
    {
        if (evt.Document is not { } tape)
        {
            return;
        }
        var node = evt.Pointer(request).Resolve(tape);
        if (node >= 0 && !JsonFieldWriter.AddString(values, request.Slot, tape, node))
        {
            JsonFieldWriter.AddCompact(values, request.Slot, tape, node);
        }
    }

    /// <summary>The whole payload indented by two spaces.</summary>
    private static void AddIndented(FieldValues values, int slot, JsonTape? document)
    {
        if (document is null)
        {
            return;
        }
        var json = document.Source.Span;
        var span = values.AddBytes(slot, JsonText.IndentedLength(json));
        JsonText.WriteIndented(json, span);
    }
}
