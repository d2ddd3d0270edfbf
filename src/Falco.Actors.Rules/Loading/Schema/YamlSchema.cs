using System.Globalization;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Rules.Loading.Schema;

/// <summary>
/// A JSON schema (the draft-06 subset Falco's schemas use: <c>$ref</c> to <c>#/definitions/…</c>, <c>type</c>,
/// <c>properties</c>, <c>additionalProperties</c>, <c>required</c>, <c>items</c>, <c>enum</c>, <c>anyOf</c>,
/// <c>oneOf</c>) checked against a YAML tree. Types are weak, as Falco's validator (valijson with weak types) takes
/// them: a scalar is a string, and also a boolean, integer or number when it reads as one. A YAML null matches any
/// type, since an empty key means "the defaults" to the loaders. Every problem is reported, not only the first.
/// </summary>
public sealed class YamlSchema
{
    private readonly JsonElement _root;

    private YamlSchema(string text)
    {
        Text = text;
        _root = JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The schema as written (what <c>--config-schema</c> and <c>--rule-schema</c> print).</summary>
    public string Text { get; }

    public JsonElement Root => _root;

    public static YamlSchema Parse(string json) => new(json);

    /// <summary>Reads a schema shipped as an embedded resource of <paramref name="assembly"/>.</summary>
    public static YamlSchema FromResource(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded schema '{name}' is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return new YamlSchema(reader.ReadToEnd());
    }

    public IReadOnlyList<SchemaProblem> Validate(YamlNode node)
    {
        var problems = new List<SchemaProblem>();
        Check(_root, node, "", problems);
        return problems;
    }

    private void Check(JsonElement schema, YamlNode node, string path, List<SchemaProblem> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString() ?? ""), node, path, problems);
            return;
        }
        if (YamlNodes.IsNull(node))
        {
            return;
        }
        if (schema.TryGetProperty("type", out var type) && !MatchesType(type, node))
        {
            problems.Add(new SchemaProblem(node, path, $"expected {Describe(type)}, got {DescribeNode(node)}"));
            return;
        }
        if (schema.TryGetProperty("enum", out var allowed) && !InEnum(allowed, node))
        {
            var names = string.Join(", ", allowed.EnumerateArray().Select(a => a.ToString()));
            problems.Add(new SchemaProblem(node, path, $"expected one of {names}, got {DescribeNode(node)}"));
            return;
        }
        if (schema.TryGetProperty("anyOf", out var anyOf) || schema.TryGetProperty("oneOf", out anyOf))
        {
            CheckAlternatives(anyOf, node, path, problems);
        }
        switch (node)
        {
            case YamlMappingNode map:
                CheckMap(schema, map, path, problems);
                break;
            case YamlSequenceNode sequence when schema.TryGetProperty("items", out var items):
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Check(items, sequence.Children[i], $"{path}[{i}]", problems);
                }
                break;
        }
    }

    private void CheckMap(JsonElement schema, YamlMappingNode map, string path, List<SchemaProblem> problems)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = keyNode is YamlScalarNode s ? s.Value ?? "" : keyNode.ToString();
            var keyPath = path.Length == 0 ? key : $"{path}.{key}";
            if (hasProperties && properties.TryGetProperty(key, out var property))
            {
                Check(property, value, keyPath, problems);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                problems.Add(new SchemaProblem(keyNode, keyPath, "unknown key"));
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(additional, value, keyPath, problems);
            }
        }
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString() ?? ""))
            {
                if (YamlNodes.Get(map, name) is null)
                {
                    problems.Add(new SchemaProblem(map, path, $"missing required key '{name}'"));
                }
            }
        }
    }

    /// <summary>
    /// The node must match one of the alternatives. When none matches, the problems reported are those of the
    /// alternative of the node's kind (a map against the map form), else one line naming the forms.
    /// </summary>
    private void CheckAlternatives(JsonElement alternatives, YamlNode node, string path, List<SchemaProblem> problems)
    {
        List<SchemaProblem>? closest = null;
        foreach (var alternative in alternatives.EnumerateArray())
        {
            var found = new List<SchemaProblem>();
            Check(alternative, node, path, found);
            if (found.Count == 0)
            {
                return;
            }
            var resolved = alternative.TryGetProperty("$ref", out var r) ? Resolve(r.GetString() ?? "") : alternative;
            if (resolved.TryGetProperty("type", out var type) && MatchesType(type, node) && node is not YamlScalarNode)
            {
                closest ??= found;
            }
        }
        if (closest is not null)
        {
            problems.AddRange(closest);
            return;
        }
        var forms = alternatives.EnumerateArray()
            .Select(a => a.TryGetProperty("type", out var t) ? Describe(t) : "another form")
            .Distinct();
        problems.Add(new SchemaProblem(node, path, $"expected {string.Join(" or ", forms)}, got {DescribeNode(node)}"));
    }

    private JsonElement Resolve(string reference)
    {
        const string prefix = "#/definitions/";
        if (reference.StartsWith(prefix, StringComparison.Ordinal)
            && _root.TryGetProperty("definitions", out var definitions)
            && definitions.TryGetProperty(reference[prefix.Length..], out var target))
        {
            return target;
        }
        throw new InvalidOperationException($"schema reference '{reference}' does not resolve");
    }

    private static bool MatchesType(JsonElement type, YamlNode node) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => MatchesType(t.GetString() ?? "", node))
            : MatchesType(type.GetString() ?? "", node);

    private static bool MatchesType(string type, YamlNode node) => (type, node) switch
    {
        ("object", YamlMappingNode) => true,
        ("array", YamlSequenceNode) => true,
        ("string", YamlScalarNode) => true,
        ("boolean", YamlScalarNode s) => YamlNodes.ParseBool(s.Value ?? "") is not null,
        ("integer", YamlScalarNode s) => long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        ("number", YamlScalarNode s) => double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
        ("null", _) => YamlNodes.IsNull(node),
        _ => false,
    };

    private static bool InEnum(JsonElement allowed, YamlNode node) =>
        node is YamlScalarNode s
        && allowed.EnumerateArray().Any(a => string.Equals(a.ToString(), s.Value, StringComparison.OrdinalIgnoreCase));

    private static string Describe(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? string.Join(" or ", type.EnumerateArray().Select(t => Describe(t.GetString() ?? "")))
            : Describe(type.GetString() ?? "");

    private static string Describe(string type) => type switch
    {
        "object" => "a map",
        "array" => "a list",
        "string" => "a string",
        "boolean" => "a boolean (true or false)",
        "integer" => "an integer",
        "number" => "a number",
        _ => type,
    };

    private static string DescribeNode(YamlNode node) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported node",
    };
}
