using System.Text;
using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// A top-level key's value as canonical text (structure and scalar values, no positions or styles), so two loads of
/// falco.yaml can be compared key by key: moving a key or adding a comment changes nothing, editing a value does.
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

    private static void Write(StringBuilder text, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                text.Append('{');
                foreach (var (key, value) in map.Children)
                {
                    Write(text, key);
                    text.Append(':');
                    Write(text, value);
                    text.Append(',');
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
