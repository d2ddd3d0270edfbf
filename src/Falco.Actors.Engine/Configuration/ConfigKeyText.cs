using System.Text;
using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// A top-level key's value as canonical text (structure and scalar values, no positions or styles), so two loads of
/// falco.yaml can be compared key by key: moving a key or adding a comment changes nothing (a map's keys are sorted), editing a value does.
/// </summary>
internal static class ConfigKeyText
{
    public static IReadOnlyDictionary<string, string> Of(YamlMappingNode root)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var text = new StringBuilder();
            Write(text, value);
            texts[key is YamlScalarNode s ? s.Value ?? "" : key.ToString()] = text.ToString();
        }
        return texts;
    }

    private static string Entry(KeyValuePair<YamlNode, YamlNode> entry)
    {
        var text = new StringBuilder();
        Write(text, entry.Key);
        text.Append(':');
        Write(text, entry.Value);
        return text.ToString();
    }

    private static void Write(StringBuilder text, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                // Keys in any order mean the same map.
                text.Append('{');
                foreach (var entry in map.Children.Select(Entry).Order(StringComparer.Ordinal))
                {
                    text.Append(entry).Append(',');
                }
                text.Append('}');
                break;
            case YamlSequenceNode list:
                text.Append('[');
                foreach (var item in list.Children)
                {
                    Write(text, item);
                    text.Append(',');
                }
                text.Append(']');
                break;
            case YamlScalarNode scalar when ConfigDocument.IsNull(scalar):
                text.Append('~');
                break;
            case YamlScalarNode scalar:
                // Length-prefixed, so no value can imitate the punctuation around it.
                text.Append(scalar.Value?.Length ?? 0).Append('\'').Append(scalar.Value);
                break;
        }
    }
}
