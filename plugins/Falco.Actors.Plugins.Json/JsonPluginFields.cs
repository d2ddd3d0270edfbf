using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Json;

/// <summary>The json plugin's fields in get_fields order (a field's position is its field id).</summary>
public static class JsonPluginFields
{
    public const int Value = 0;
    public const int Obj = 1;
    public const int RawTime = 2;
    public const int JevtValue = 3;
    public const int JevtObj = 4;
    public const int JevtRawTime = 5;

    private static readonly FieldArgSpec PointerArg = new(IsRequired: true, IsIndex: false, IsKey: true);

    public static IReadOnlyList<FieldInfo> All { get; } =
    [
        new("json.value", FieldType.String,
            "Extracts a value from a JSON-encoded input. Syntax is json.value[<json pointer>], where <json pointer> is a json pointer (see https://datatracker.ietf.org/doc/html/rfc6901)")
        { Display = "JSON Value", Arg = PointerArg },
        new("json.obj", FieldType.String, "The full json message as a text string.") { Display = "JSON Object" },
        new("json.rawtime", FieldType.String, "The time of the event, identical to evt.rawtime.") { Display = "JSON Raw Time" },
        new("jevt.value", FieldType.String,
            "Alias for json.value, provided for backwards compatibility.")
        { Display = "JSON Value", Arg = PointerArg },
        new("jevt.obj", FieldType.String, "Alias for json.obj, provided for backwards compatibility.") { Display = "JSON Object" },
        new("jevt.rawtime", FieldType.String, "Alias for json.rawtime, provided for backwards compatibility.") { Display = "JSON Raw Time" },
    ];
}
