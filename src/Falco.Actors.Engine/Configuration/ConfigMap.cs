using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Typed, position-aware reads from one YAML map of the configuration. Every error names the file, line,
/// column and the full key (<c>http_output.insecure</c>, <c>plugins[1].name</c>).
/// </summary>
internal sealed class ConfigMap
{
    private readonly YamlMappingNode _map;

    public ConfigMap(ConfigDocument document, YamlMappingNode map, string prefix)
    {
        Document = document;
        _map = map;
        Prefix = prefix;
    }

    public ConfigDocument Document { get; }

    /// <summary>The key path of this map ("" for the root).</summary>
    public string Prefix { get; }

    public ConfigLocation Location => Document.LocationOf(_map);

    public IEnumerable<(string Key, ConfigLocation Location)> Keys =>
        _map.Children.Keys.Select(k => (k is YamlScalarNode s ? s.Value ?? "" : k.ToString(), Document.LocationOf(k)));

    public string PathOf(string key) => Prefix.Length == 0 ? key : $"{Prefix}.{key}";

    /// <summary>The value of <paramref name="key"/>, or null when the key is absent.</summary>
    public YamlNode? Get(string key)
    {
        Document.KeysAskedFor?.Add(PathOf(key));
        foreach (var (k, v) in _map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }
        return null;
    }

    public bool Has(string key) => Get(key) is not null;

    public ConfigLocation LocationOf(string key)
    {
        foreach (var k in _map.Children.Keys)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return Document.LocationOf(_map.Children[k]);
            }
        }
        return Location;
    }

    public ConfigurationException Error(string key, string problem) => new(LocationOf(key), PathOf(key), problem);

    public ConfigurationException Error(YamlNode node, string keyPath, string problem) => new(Document.LocationOf(node), keyPath, problem);

    public bool Bool(string key, bool fallback)
    {
        var node = Get(key);
        if (node is null || ConfigDocument.IsNull(node))
        {
            return fallback;
        }
        var text = Scalar(node, PathOf(key), "a boolean (true or false)");
        return ParseBool(text) ?? throw Error(key, $"expected a boolean (true or false), got '{text}'");
    }

    public string String(string key, string fallback)
    {
        var node = Get(key);
        if (node is null)
        {
            return fallback;
        }
        return ConfigDocument.IsNull(node) ? "" : Scalar(node, PathOf(key), "a string");
    }

    public int Int(string key, int fallback, int min, int max)
    {
        var node = Get(key);
        if (node is null || ConfigDocument.IsNull(node))
        {
            return fallback;
        }
        var text = Scalar(node, PathOf(key), "an integer");
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(key, $"expected an integer, got '{text}'");
        }
        if (value < min || value > max)
        {
            throw Error(key, $"must be between {min} and {max}, got {value}");
        }
        return (int)value;
    }

    public double Number(string key, double fallback, double min)
    {
        var node = Get(key);
        if (node is null || ConfigDocument.IsNull(node))
        {
            return fallback;
        }
        var text = Scalar(node, PathOf(key), "a number");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(key, $"expected a number, got '{text}'");
        }
        if (value < min)
        {
            throw Error(key, $"must be at least {min.ToString(CultureInfo.InvariantCulture)}, got {text}");
        }
        return value;
    }

    /// <summary>The map under <paramref name="key"/>; null when absent or null.</summary>
    public ConfigMap? Map(string key)
    {
        var node = Get(key);
        if (node is null || ConfigDocument.IsNull(node))
        {
            return null;
        }
        return node is YamlMappingNode map
            ? new ConfigMap(Document, map, PathOf(key))
            : throw Error(key, $"expected a map of keys, got {ConfigDocument.Describe(node)}");
    }

    /// <summary>The map under <paramref name="key"/>, or an empty map when absent or null: an absent section reads as its defaults.</summary>
    public ConfigMap Section(string key) => Map(key) ?? new ConfigMap(Document, new YamlMappingNode(), PathOf(key));

    /// <summary>The items of a list (a single scalar counts as a list of one, as in Falco); null when absent.</summary>
    public IReadOnlyList<YamlNode>? List(string key)
    {
        var node = Get(key);
        return node switch
        {
            null => null,
            _ when ConfigDocument.IsNull(node) => [],
            YamlSequenceNode seq => seq.Children.ToArray(),
            YamlScalarNode => [node],
            _ => throw Error(key, $"expected a list, got {ConfigDocument.Describe(node)}"),
        };
    }

    /// <summary>A list of strings; null when absent.</summary>
    public IReadOnlyList<string>? StringList(string key)
    {
        var items = List(key);
        if (items is null)
        {
            return null;
        }
        var strings = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            strings[i] = Scalar(items[i], $"{PathOf(key)}[{i}]", "a string");
        }
        return strings;
    }

    /// <summary>The text of a scalar; a map or a list where a scalar is expected is an error.</summary>
    public string Scalar(YamlNode node, string keyPath, string expected) =>
        node is YamlScalarNode s
            ? s.Value ?? ""
            : throw Error(node, keyPath, $"expected {expected}, got {ConfigDocument.Describe(node)}");

    /// <summary>YAML 1.1 booleans, as yaml-cpp reads them.</summary>
    public static bool? ParseBool(string text) => text switch
    {
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y" => true,
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N" => false,
        _ => null,
    };
}
