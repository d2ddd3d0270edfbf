using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Rules.Loading;

/// <summary>
/// Reads typed values from YAML nodes with the checks and messages of Falco's rule_loader_reader (decode_val,
/// decode_seq), raising <see cref="RuleLoadException"/> (LOAD_ERR_YAML_VALIDATE) at the offending node.
/// </summary>
internal static class YamlNodes
{
    public static FileLocation LocationOf(YamlNode node, string file) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>A plain empty scalar, <c>~</c> or <c>null</c>: YAML's null.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any } s
        && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null" or "Null" or "NULL");

    public static YamlNode? Get(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return v;
            }
        }
        return null;
    }

    public static bool Has(YamlMappingNode map, string key) => Get(map, key) is not null;

    public static string Text(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : "";

    /// <summary>A required non-empty scalar.</summary>
    public static string RequiredString(YamlMappingNode map, string key, ItemContext context, string file) =>
        OptionalString(map, key, context, file) ?? throw Invalid($"Item has no mapping for key '{key}'", context);

    /// <summary>A non-empty scalar, or null when the key is absent.</summary>
    public static string? OptionalString(YamlMappingNode map, string key, ItemContext context, string file)
    {
        var value = Get(map, key);
        if (value is null)
        {
            return null;
        }
        if (IsNull(value))
        {
            throw Invalid($"Mapping for key '{key}' is empty", context);
        }
        var at = context.At(LocationOf(value, file));
        if (value is not YamlScalarNode scalar)
        {
            throw Invalid("Value is not a scalar value", at);
        }
        if (string.IsNullOrEmpty(scalar.Value))
        {
            throw Invalid("Value must be non-empty", at);
        }
        return scalar.Value;
    }

    public static bool? OptionalBool(YamlMappingNode map, string key, ItemContext context, string file)
    {
        var text = OptionalString(map, key, context, file);
        if (text is null)
        {
            return null;
        }
        return ParseBool(text) ?? throw Invalid("Can't decode YAML scalar value", context.At(LocationOf(Get(map, key)!, file)));
    }

    public static ulong? OptionalUnsigned(YamlMappingNode map, string key, ItemContext context, string file)
    {
        var text = OptionalString(map, key, context, file);
        if (text is null)
        {
            return null;
        }
        return ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid("Can't decode YAML scalar value", context.At(LocationOf(Get(map, key)!, file)));
    }

    /// <summary>A sequence of scalars (<c>items</c>, <c>tags</c>).</summary>
    public static List<string>? OptionalScalarSequence(YamlMappingNode map, string key, ItemContext context, string file)
    {
        var value = Get(map, key);
        if (value is null)
        {
            return null;
        }
        var at = context.At(LocationOf(value, file));
        if (value is not YamlSequenceNode sequence)
        {
            throw Invalid("Value is not a sequence", at);
        }
        var result = new List<string>();
        foreach (var element in sequence.Children)
        {
            if (element is not YamlScalarNode scalar)
            {
                throw Invalid("sequence value is not scalar", context.At(LocationOf(element, file)));
            }
            result.Add(scalar.Value ?? "");
        }
        return result;
    }

    /// <summary>yaml-cpp's boolean spellings: true/false, yes/no, on/off, y/n in lower, Capitalised or UPPER case.</summary>
    public static bool? ParseBool(string text) => text switch
    {
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y" => true,
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N" => false,
        _ => null,
    };

    public static RuleLoadException Invalid(string message, ItemContext context) => new(LoadCode.ErrYamlValidate, message, context);
}
