using System.Text.Json;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// Reads the JSON array of <c>plugin_get_fields</c> (plugin-api §5.1). Go-SDK style entries (every key written,
/// <c>null</c> properties, empty display, all-false arg) read as absent. Errors name the plugin and the field.
/// </summary>
public static class PluginFieldsJson
{
    /// <param name="json">The document (null when the plugin returned NULL).</param>
    /// <param name="where">Names the plugin and its file, for messages.</param>
    /// <param name="apiMajor">The plugin's API major: 1/2 allow only string and uint64, 0 also int64 and argRequired.</param>
    /// <param name="allowEmpty">Whether <c>[]</c> is accepted (a source plugin may declare no field, as Falco 0.32's
    /// test_source does); an extractor must declare one.</param>
    public static IReadOnlyList<FieldInfo> Parse(string? json, string where, uint apiMajor = 3, bool allowEmpty = false)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw Error(where, "returned no document");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Error(where, $"is not valid JSON: {e.Message}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw Error(where, "is not a JSON array");
            }
            var fields = new List<FieldInfo>();
            var i = 0;
            foreach (var entry in doc.RootElement.EnumerateArray())
            {
                fields.Add(ParseField(entry, where, i++, apiMajor));
            }
            if (fields.Count == 0 && !allowEmpty)
            {
                throw Error(where, "declares no field (at least one is required)");
            }
            return fields;
        }
    }

    private static FieldInfo ParseField(JsonElement e, string where, int index, uint apiMajor)
    {
        var at = $"field #{index}";
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"{at} is not a JSON object");
        }
        var name = Text(e, "name", where, at);
        if (string.IsNullOrEmpty(name))
        {
            throw Error(where, $"{at} has no name");
        }
        at = $"field #{index} '{name}'";
        var typeName = Text(e, "type", where, at);
        if (string.IsNullOrEmpty(typeName))
        {
            throw Error(where, $"{at} has no type");
        }
        if (!TryType(typeName, apiMajor, out var type))
        {
            throw Error(where, $"{at} has unsupported type '{typeName}'");
        }
        var desc = Text(e, "desc", where, at);
        if (string.IsNullOrEmpty(desc))
        {
            throw Error(where, $"{at} has no description (desc)");
        }
        return new FieldInfo(name, type, desc)
        {
            Display = Text(e, "display", where, at) ?? "",
            IsList = Bool(e, "isList", where, at),
            Arg = Arg(e, where, at, apiMajor),
            Properties = Properties(e, where, at),
        };
    }

    private static bool TryType(string name, uint apiMajor, out FieldType type)
    {
        type = default;
        return name switch
        {
            "string" or "uint64" => FieldTypeNames.TryParse(name, out type),
            "int64" when apiMajor == 0 => FieldTypeNames.TryParse(name, out type),
            "reltime" or "abstime" or "bool" or "ipaddr" or "ipnet" when apiMajor >= 3 => FieldTypeNames.TryParse(name, out type),
            _ => false,
        };
    }

    private static FieldArgSpec Arg(JsonElement e, string where, string at, uint apiMajor)
    {
        if (apiMajor == 0 && Bool(e, "argRequired", where, at))
        {
            // 0.x arguments were free text: a required key.
            return new FieldArgSpec(true, false, true);
        }
        if (!e.TryGetProperty("arg", out var arg) || arg.ValueKind == JsonValueKind.Null)
        {
            return FieldArgSpec.None;
        }
        if (arg.ValueKind != JsonValueKind.Object)
        {
            throw Error(where, $"{at}: 'arg' is not a JSON object");
        }
        var spec = new FieldArgSpec(
            Bool(arg, "isRequired", where, at + " arg"),
            Bool(arg, "isIndex", where, at + " arg"),
            Bool(arg, "isKey", where, at + " arg"));
        if (spec.IsRequired && !spec.IsAllowed)
        {
            throw Error(where, $"{at}: arg is required but is neither an index nor a key");
        }
        return spec == FieldArgSpec.None ? FieldArgSpec.None : spec;
    }

    private static FieldProperties Properties(JsonElement e, string where, string at)
    {
        var result = Bool(e, "addOutput", where, at) ? FieldProperties.AddOutput : FieldProperties.None;
        if (!e.TryGetProperty("properties", out var props) || props.ValueKind == JsonValueKind.Null)
        {
            return result;
        }
        if (props.ValueKind != JsonValueKind.Array)
        {
            throw Error(where, $"{at}: 'properties' is not an array of strings");
        }
        foreach (var p in props.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.String)
            {
                throw Error(where, $"{at}: 'properties' is not an array of strings");
            }
            result |= p.GetString() switch
            {
                "hidden" => FieldProperties.Hidden,
                "info" => FieldProperties.Info,
                "conversation" => FieldProperties.Conversation,
                _ => FieldProperties.None,
            };
        }
        return result;
    }

    private static string? Text(JsonElement e, string key, string where, string at)
    {
        if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : throw Error(where, $"{at}: '{key}' is not a string");
    }

    private static bool Bool(JsonElement e, string key, string where, string at)
    {
        if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(where, $"{at}: '{key}' is not a boolean"),
        };
    }

    private static PluginException Error(string where, string what) => new($"{where}: get_fields: {what}");
}
