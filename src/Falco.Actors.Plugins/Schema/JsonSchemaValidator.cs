using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Falco.Actors.Plugins.Schema;

/// <summary>
/// A small JSON Schema validator for plugin init configs: the keywords real plugin schemas use (Go's jsonschema
/// reflector output and hand-written ones): <c>$ref</c> (local: <c>#</c>, <c>#/definitions/…</c>, <c>#/$defs/…</c>
/// or any JSON pointer), <c>type</c>, <c>properties</c>, <c>patternProperties</c>, <c>required</c>,
/// <c>additionalProperties</c>, <c>minProperties</c>/<c>maxProperties</c>, <c>enum</c>, <c>const</c>, <c>items</c>, <c>minItems</c>/<c>maxItems</c>,
/// <c>minimum</c>/<c>maximum</c> (and the exclusive forms of draft 4 and later), <c>minLength</c>/<c>maxLength</c>,
/// <c>pattern</c>, <c>multipleOf</c>, <c>uniqueItems</c>, <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>/<c>not</c>, boolean
/// schemas. Annotations (<c>$schema</c>, <c>$id</c>, <c>default</c>, <c>description</c>, <c>title</c>,
/// <c>examples</c>) and <c>format</c> do not validate. Keywords not listed (<c>if</c>/<c>then</c>, <c>dependencies</c>,
/// <c>propertyNames</c>, …) are ignored; a <c>$ref</c> is applied together with its sibling keywords; remote
/// references are refused. Like libsinsp, only the first violation is reported.
/// </summary>
public sealed class JsonSchemaValidator
{
    private const int MaxRefDepth = 64;
    private readonly JsonElement _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private JsonSchemaValidator(JsonElement root) => _root = root;

    /// <summary>Parses a schema document; throws <see cref="JsonSchemaException"/> when it is not JSON or not a schema.</summary>
    public static JsonSchemaValidator Parse(string schemaJson)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(schemaJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new JsonSchemaException($"the schema is not valid JSON: {e.Message}", e);
        }
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            throw new JsonSchemaException($"the schema must be a JSON object, not {Describe(root.ValueKind)}");
        }
        return new JsonSchemaValidator(root);
    }

    /// <summary>The first violation of the schema by <paramref name="instance"/>, or null when it conforms.</summary>
    public SchemaViolation? Validate(JsonElement instance) => Check(_root, instance, "", 0);

    /// <summary>Parses <paramref name="instanceJson"/> and validates it; invalid JSON is a violation at the root.</summary>
    public SchemaViolation? Validate(string instanceJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(instanceJson);
            return Validate(doc.RootElement);
        }
        catch (JsonException e)
        {
            return new SchemaViolation("", $"not valid JSON: {e.Message}");
        }
    }

    private SchemaViolation? Check(JsonElement schema, JsonElement value, string path, int refDepth)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return null;
            case JsonValueKind.False:
                return new SchemaViolation(path, "no value is allowed here");
            case JsonValueKind.Object:
                break;
            default:
                throw new JsonSchemaException($"a schema must be an object or a boolean, found {Describe(schema.ValueKind)}");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            if (refDepth >= MaxRefDepth)
            {
                throw new JsonSchemaException($"'$ref' chain deeper than {MaxRefDepth} (a reference cycle?)");
            }
            var violation = Check(Resolve(reference.GetString() ?? ""), value, path, refDepth + 1);
            if (violation is not null)
            {
                return violation;
            }
        }

        return CheckType(schema, value, path)
            ?? CheckEnum(schema, value, path)
            ?? CheckNumber(schema, value, path)
            ?? CheckString(schema, value, path)
            ?? CheckArray(schema, value, path, refDepth)
            ?? CheckObject(schema, value, path, refDepth)
            ?? CheckCombinators(schema, value, path, refDepth);
    }

    private static SchemaViolation? CheckType(JsonElement schema, JsonElement value, string path)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return null;
        }
        if (type.ValueKind == JsonValueKind.String)
        {
            return HasType(value, type.GetString()!)
                ? null
                : new SchemaViolation(path, $"expected {type.GetString()}, found {Describe(value)}");
        }
        if (type.ValueKind == JsonValueKind.Array)
        {
            var names = type.EnumerateArray().Select(t => t.GetString() ?? "").ToList();
            return names.Any(n => HasType(value, n))
                ? null
                : new SchemaViolation(path, $"expected one of {string.Join(", ", names)}, found {Describe(value)}");
        }
        throw new JsonSchemaException("'type' must be a string or an array of strings");
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value),
        _ => throw new JsonSchemaException($"unknown type '{type}'"),
    };

    private static bool IsInteger(JsonElement number) =>
        number.TryGetInt64(out _) || number.TryGetUInt64(out _)
        || (number.TryGetDouble(out var d) && Math.Floor(d) == d && !double.IsInfinity(d));

    private static SchemaViolation? CheckEnum(JsonElement schema, JsonElement value, string path)
    {
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            return new SchemaViolation(path, $"must be {constant.GetRawText()}");
        }
        if (schema.TryGetProperty("enum", out var options))
        {
            if (options.ValueKind != JsonValueKind.Array)
            {
                throw new JsonSchemaException("'enum' must be an array");
            }
            if (!options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
            {
                return new SchemaViolation(path,
                    $"{value.GetRawText()} is not one of {string.Join(", ", options.EnumerateArray().Select(o => o.GetRawText()))}");
            }
        }
        return null;
    }

    private static SchemaViolation? CheckNumber(JsonElement schema, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }
        var x = value.GetDouble();
        // Draft 4 writes exclusiveMinimum/Maximum as booleans next to minimum/maximum; later drafts as numbers.
        var exclusiveMin = schema.TryGetProperty("exclusiveMinimum", out var em) && em.ValueKind == JsonValueKind.True;
        var exclusiveMax = schema.TryGetProperty("exclusiveMaximum", out var eM) && eM.ValueKind == JsonValueKind.True;
        if (schema.TryGetProperty("minimum", out var min) && (exclusiveMin ? x <= min.GetDouble() : x < min.GetDouble()))
        {
            return new SchemaViolation(path, $"{value.GetRawText()} is less than {(exclusiveMin ? "or equal to " : "")}the minimum {min.GetRawText()}");
        }
        if (schema.TryGetProperty("maximum", out var max) && (exclusiveMax ? x >= max.GetDouble() : x > max.GetDouble()))
        {
            return new SchemaViolation(path, $"{value.GetRawText()} is greater than {(exclusiveMax ? "or equal to " : "")}the maximum {max.GetRawText()}");
        }
        if (em.ValueKind == JsonValueKind.Number && x <= em.GetDouble())
        {
            return new SchemaViolation(path, $"{value.GetRawText()} must be greater than {em.GetRawText()}");
        }
        if (eM.ValueKind == JsonValueKind.Number && x >= eM.GetDouble())
        {
            return new SchemaViolation(path, $"{value.GetRawText()} must be less than {eM.GetRawText()}");
        }
        if (schema.TryGetProperty("multipleOf", out var multiple) && multiple.GetDouble() > 0)
        {
            var q = x / multiple.GetDouble();
            if (Math.Abs(q - Math.Round(q)) > 1e-9)
            {
                return new SchemaViolation(path, $"{value.GetRawText()} is not a multiple of {multiple.GetRawText()}");
            }
        }
        return null;
    }

    private SchemaViolation? CheckString(JsonElement schema, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        var text = value.GetString()!;
        // JSON Schema counts characters as code points.
        var length = text.EnumerateRunes().Count();
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
        {
            return new SchemaViolation(path, $"string is shorter than the minimum length {min.GetInt32()}");
        }
        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
        {
            return new SchemaViolation(path, $"string is longer than the maximum length {max.GetInt32()}");
        }
        if (schema.TryGetProperty("pattern", out var pattern) && !Pattern(pattern.GetString()!).IsMatch(text))
        {
            return new SchemaViolation(path, $"\"{text}\" does not match the pattern {pattern.GetString()}");
        }
        return null;
    }

    private SchemaViolation? CheckArray(JsonElement schema, JsonElement value, string path, int refDepth)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var count = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetInt32())
        {
            return new SchemaViolation(path, $"array has fewer than {min.GetInt32()} items");
        }
        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32())
        {
            return new SchemaViolation(path, $"array has more than {max.GetInt32()} items");
        }
        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                // An array of schemas is the draft-4 tuple form: item i follows schema i, later items are free.
                var itemSchema = items.ValueKind == JsonValueKind.Array
                    ? (i < items.GetArrayLength() ? items[i] : default)
                    : items;
                if (itemSchema.ValueKind != JsonValueKind.Undefined
                    && Check(itemSchema, item, $"{path}/{i}", refDepth) is { } violation)
                {
                    return violation;
                }
                i++;
            }
        }
        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            var seen = new List<JsonElement>();
            foreach (var item in value.EnumerateArray())
            {
                if (seen.Any(s => JsonElement.DeepEquals(s, item)))
                {
                    return new SchemaViolation(path, $"items must be unique ({item.GetRawText()} repeats)");
                }
                seen.Add(item);
            }
        }
        return null;
    }

    private SchemaViolation? CheckObject(JsonElement schema, JsonElement value, string path, int refDepth)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var count = 0;
        foreach (var _ in value.EnumerateObject())
        {
            count++;
        }
        if (schema.TryGetProperty("minProperties", out var minProperties) && count < minProperties.GetInt32())
        {
            return new SchemaViolation(path, $"object has fewer than {minProperties.GetInt32()} properties");
        }
        if (schema.TryGetProperty("maxProperties", out var maxProperties) && count > maxProperties.GetInt32())
        {
            return new SchemaViolation(path, $"object has more than {maxProperties.GetInt32()} properties");
        }
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                if (!value.TryGetProperty(name.GetString()!, out _))
                {
                    return new SchemaViolation(path, $"required property '{name.GetString()}' is missing");
                }
            }
        }
        var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        var hasPatterns = schema.TryGetProperty("patternProperties", out var patterns) && patterns.ValueKind == JsonValueKind.Object;
        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var member in value.EnumerateObject())
        {
            var memberPath = $"{path}/{EscapePointer(member.Name)}";
            var matched = false;
            if (hasProperties && properties.TryGetProperty(member.Name, out var propertySchema))
            {
                matched = true;
                if (Check(propertySchema, member.Value, memberPath, refDepth) is { } violation)
                {
                    return violation;
                }
            }
            if (hasPatterns)
            {
                foreach (var pattern in patterns.EnumerateObject())
                {
                    if (Pattern(pattern.Name).IsMatch(member.Name))
                    {
                        matched = true;
                        if (Check(pattern.Value, member.Value, memberPath, refDepth) is { } violation)
                        {
                            return violation;
                        }
                    }
                }
            }
            if (!matched && additional.ValueKind != JsonValueKind.Undefined)
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    return new SchemaViolation(memberPath, $"property '{member.Name}' is not allowed");
                }
                if (Check(additional, member.Value, memberPath, refDepth) is { } violation)
                {
                    return violation;
                }
            }
        }
        return null;
    }

    private SchemaViolation? CheckCombinators(JsonElement schema, JsonElement value, string path, int refDepth)
    {
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var sub in allOf.EnumerateArray())
            {
                if (Check(sub, value, path, refDepth) is { } violation)
                {
                    return violation;
                }
            }
        }
        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            SchemaViolation? first = null;
            var any = false;
            foreach (var sub in anyOf.EnumerateArray())
            {
                var violation = Check(sub, value, path, refDepth);
                if (violation is null)
                {
                    any = true;
                    break;
                }
                first ??= violation;
            }
            if (!any)
            {
                return new SchemaViolation(path, $"matches none of the anyOf schemas (first: {first})");
            }
        }
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matches = 0;
            SchemaViolation? first = null;
            foreach (var sub in oneOf.EnumerateArray())
            {
                var violation = Check(sub, value, path, refDepth);
                if (violation is null)
                {
                    matches++;
                }
                else
                {
                    first ??= violation;
                }
            }
            if (matches != 1)
            {
                return new SchemaViolation(path, matches == 0
                    ? $"matches none of the oneOf schemas (first: {first})"
                    : $"matches {matches} of the oneOf schemas, exactly one is allowed");
            }
        }
        if (schema.TryGetProperty("not", out var not) && Check(not, value, path, refDepth) is null)
        {
            return new SchemaViolation(path, "must not match the 'not' schema");
        }
        return null;
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new JsonSchemaException($"'$ref' '{reference}' is not local: only references into this schema are supported");
        }
        var pointer = Uri.UnescapeDataString(reference[1..]);
        var node = _root;
        if (pointer.Length == 0)
        {
            return node;
        }
        if (!pointer.StartsWith('/'))
        {
            throw new JsonSchemaException($"'$ref' '{reference}' is not a JSON pointer");
        }
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/").Replace("~0", "~");
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(token, out var child))
            {
                node = child;
            }
            else if (node.ValueKind == JsonValueKind.Array
                     && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                     && index < node.GetArrayLength())
            {
                node = node[index];
            }
            else
            {
                throw new JsonSchemaException($"'$ref' '{reference}' points at nothing in the schema");
            }
        }
        return node;
    }

    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            try
            {
                // ECMA-262 semantics, unanchored, as JSON Schema specifies.
                regex = new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                // Some patterns (\p{…}) are outside .NET's ECMAScript mode; .NET's own syntax accepts them.
                try
                {
                    regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    throw new JsonSchemaException($"invalid pattern '{pattern}': {e.Message}", e);
                }
            }
            _patterns[pattern] = regex;
        }
        return regex;
    }

    private static string EscapePointer(string name) => name.Replace("~", "~0").Replace("/", "~1");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => IsInteger(value) ? "integer" : "number",
        _ => Describe(value.ValueKind),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
