using Falco.Actors.Rules.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Applies Falco's <c>-o key=value</c> options to the YAML tree before it is bound, so an override is checked
/// exactly like the file. Missing maps and lists on the way are created; a value written <c>{...}</c> (as in
/// Falco) or <c>[...]</c> (our addition) is read as YAML, any other value is a plain scalar that binding reads as
/// YAML would (<c>true</c>, <c>42</c>, text).
/// </summary>
internal static class ConfigOverrides
{
    public static void Apply(ConfigDocument document, IEnumerable<string> options)
    {
        foreach (var option in options)
        {
            Apply(document, option);
        }
    }

    private static void Apply(ConfigDocument document, string option)
    {
        var equals = option.IndexOf('=');
        if (equals < 0)
        {
            throw Bad(document, option, "Must be of the form key=val or key.subkey=val");
        }
        ConfigKeyPath path;
        try
        {
            path = ConfigKeyPath.Parse(option[..equals]);
        }
        catch (FormatException e)
        {
            throw Bad(document, option, e.Message);
        }
        var value = ParseValue(document, option, option[(equals + 1)..]);
        document.MarkFromOption(value, option);
        Set(document, option, path, value);
    }

    private static YamlNode ParseValue(ConfigDocument document, string option, string text)
    {
        // Falco reads {...} as YAML; we read [...] too, so that a list can be set.
        var structured = (text.StartsWith('{') && text.EndsWith('}')) || (text.StartsWith('[') && text.EndsWith(']'));
        if (!structured)
        {
            return new YamlScalarNode(text) { Style = ScalarStyle.Plain };
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new LimitedYamlParser(new StringReader(text)));
        }
        catch (YamlException e)
        {
            throw Bad(document, option, $"the value is not valid YAML: {(e as YamlLimitException)?.Problem ?? e.Message}");
        }
        return stream.Documents[0].RootNode;
    }

    private static void Set(ConfigDocument document, string option, ConfigKeyPath path, YamlNode value)
    {
        YamlNode current = document.Root;
        var walked = "";
        for (var i = 0; i < path.Steps.Count; i++)
        {
            var step = path.Steps[i];
            var last = i == path.Steps.Count - 1;
            YamlNode NextNode()
            {
                if (last)
                {
                    return value;
                }
                YamlNode created = path.Steps[i + 1].IsIndex ? new YamlSequenceNode() : new YamlMappingNode();
                document.MarkFromOption(created, option);
                return created;
            }

            if (!step.IsIndex)
            {
                var name = step.Name!;
                var here = walked.Length == 0 ? name : $"{walked}.{name}";
                if (current is not YamlMappingNode map)
                {
                    throw Bad(document, option, $"cannot set '{here}': '{walked}' is {ConfigDocument.Describe(current)}, not a map");
                }
                var key = FindKey(map, name);
                if (key is null || last || IsNullOnTheWay(map.Children[key]))
                {
                    var next = NextNode();
                    if (key is null)
                    {
                        key = new YamlScalarNode(name);
                        document.MarkFromOption(key, option);
                    }
                    map.Children[key] = next;
                    current = next;
                }
                else
                {
                    current = map.Children[key];
                }
                walked = here;
                continue;
            }

            if (current is not YamlSequenceNode list)
            {
                throw Bad(document, option, $"cannot index '{walked}': it is {ConfigDocument.Describe(current)}, not a list");
            }
            var index = step.Index < 0 ? list.Children.Count : step.Index;
            walked = $"{walked}[{index}]";
            if (index > list.Children.Count)
            {
                throw Bad(document, option, $"index {index} is out of range: the list has {list.Children.Count} item(s)");
            }
            if (index == list.Children.Count)
            {
                var appended = NextNode();
                list.Add(appended);
                current = appended;
            }
            else if (last || IsNullOnTheWay(list.Children[index]))
            {
                var next = NextNode();
                list.Children[index] = next;
                current = next;
            }
            else
            {
                current = list.Children[index];
            }
        }
    }

    /// <summary>A null on the way (<c>init_config:</c> with nothing) is replaced by the map or list the path needs.</summary>
    private static bool IsNullOnTheWay(YamlNode node) => ConfigDocument.IsNull(node);

    private static YamlNode? FindKey(YamlMappingNode map, string name)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is YamlScalarNode s && s.Value == name)
            {
                return key;
            }
        }
        return null;
    }

    private static ConfigurationException Bad(ConfigDocument document, string option, string problem) =>
        new(document.File, $"Error parsing config option \"{option}\": {problem}");
}
