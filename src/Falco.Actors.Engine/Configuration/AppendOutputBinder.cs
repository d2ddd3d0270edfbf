using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>Binds <c>append_output:</c> (a list of <c>{match, extra_output, extra_fields, suggested_output}</c>).</summary>
internal static class AppendOutputBinder
{
    /// <summary>Null when the key is absent.</summary>
    public static IReadOnlyList<AppendOutputConfig>? Bind(ConfigMap root, string key)
    {
        var items = root.List(key);
        if (items is null)
        {
            return null;
        }
        var entries = new List<AppendOutputConfig>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{key}[{i}]";
            if (items[i] is not YamlMappingNode map)
            {
                throw root.Error(items[i], path, $"expected a map, got {ConfigDocument.Describe(items[i])}");
            }
            var entry = new ConfigMap(root.Document, map, path);
            var match = entry.Map("match");
            entries.Add(new AppendOutputConfig(
                Source: match?.Has("source") == true ? match.String("source", "") : null,
                Rule: match?.Has("rule") == true ? match.String("rule", "") : null,
                Tags: match?.StringList("tags") ?? [],
                ExtraOutput: entry.String("extra_output", ""),
                ExtraFields: ExtraFields(entry),
                SuggestedOutput: entry.Bool("suggested_output", false)));
        }
        return entries;
    }

    private static IReadOnlyList<ExtraField> ExtraFields(ConfigMap entry)
    {
        var items = entry.List("extra_fields");
        if (items is null)
        {
            return [];
        }
        var fields = new List<ExtraField>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{entry.PathOf("extra_fields")}[{i}]";
            switch (items[i])
            {
                case YamlScalarNode s:
                    fields.Add(new ExtraField(s.Value ?? "", null));
                    break;
                case YamlMappingNode m:
                    foreach (var (k, v) in m.Children)
                    {
                        var name = entry.Scalar(k, path, "a field name");
                        fields.Add(new ExtraField(name, entry.Scalar(v, $"{path}.{name}", "an output template")));
                    }
                    break;
                default:
                    throw entry.Error(items[i], path, $"expected a field name or a map of name: template, got {ConfigDocument.Describe(items[i])}");
            }
        }
        return fields;
    }
}
