using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Binds <c>append_output:</c> (a list of <c>{match, extra_output, extra_fields, suggested_output}</c>). What Falco's
/// decoder refuses is an error here too (an <c>extra_fields</c> item that is neither a name nor a one-key map, a key
/// given twice in one entry); a key Falco would silently ignore (a misspelt one) is an error, so nothing written is
/// left unapplied.
/// </summary>
internal static class AppendOutputBinder
{
    private static readonly string[] EntryKeys = ["match", "extra_output", "extra_fields", "suggested_output"];
    private static readonly string[] MatchKeys = ["source", "rule", "tags"];

    /// <summary>
    /// Binds the key over <paramref name="c"/>, with Falco's warning for an entry that names both a rule and tags
    /// (it then applies to that rule only if it has every tag).
    /// </summary>
    public static FalcoConfiguration Apply(ConfigMap root, string key, FalcoConfiguration c)
    {
        if (Bind(root, key) is not { } entries)
        {
            return c;
        }
        var warnings = entries
            .Select((e, i) => (Entry: e, Index: i))
            .Where(x => !string.IsNullOrEmpty(x.Entry.Rule) && x.Entry.Tags.Count > 0)
            .Select(x => new ConfigWarning(x.Entry.Location!, $"{key}[{x.Index}]",
                $"the entry gives both a rule ({x.Entry.Rule}) and tags ({string.Join(", ", x.Entry.Tags)}): it applies to that rule only if it has all of these tags"));
        return c with { AppendOutput = entries, Warnings = [.. c.Warnings, .. warnings] };
    }

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
            KnownKeys(entry, EntryKeys);
            var match = entry.Map("match");
            if (match is not null)
            {
                KnownKeys(match, MatchKeys);
            }
            entries.Add(new AppendOutputConfig(
                Source: match?.Has("source") == true ? match.String("source", "") : null,
                Rule: match?.Has("rule") == true ? match.String("rule", "") : null,
                Tags: match?.StringList("tags") ?? [],
                ExtraOutput: entry.String("extra_output", ""),
                ExtraFields: ExtraFields(entry),
                SuggestedOutput: entry.Bool("suggested_output", false)) { Location = entry.Location });
        }
        return entries;
    }

    private static void KnownKeys(ConfigMap map, string[] known)
    {
        foreach (var (key, location) in map.Keys)
        {
            if (!known.Contains(key))
            {
                throw new ConfigurationException(location, map.PathOf(key), $"unknown key: expected one of {string.Join(", ", known)}");
            }
        }
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
            var field = items[i] switch
            {
                YamlScalarNode s => new ExtraField(s.Value ?? "", null),
                YamlMappingNode { Children.Count: 1 } m => new ExtraField(entry.Scalar(m.Children.Keys.First(), path, "a field name"),
                    entry.Scalar(m.Children.Values.First(), path, "an output format")),
                YamlMappingNode => throw entry.Error(items[i], path, "expected one 'name: format' per item"),
                _ => throw entry.Error(items[i], path, $"expected a field name or a map of name: format, got {ConfigDocument.Describe(items[i])}"),
            };
            if (fields.Any(f => f.Name == field.Name))
            {
                throw entry.Error(items[i], path, $"'{field.Name}' is given twice in this entry");
            }
            fields.Add(field);
        }
        return fields;
    }
}
