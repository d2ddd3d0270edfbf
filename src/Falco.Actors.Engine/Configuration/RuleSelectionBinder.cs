using Falco.Actors.Rules.RuleSets;
using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Binds <c>rules:</c> (Falco 0.39+): a list of <c>- enable: {rule: &lt;name or wildcard&gt;, tag: &lt;tag&gt;}</c> or
/// <c>- disable: {...}</c>, applied in order after the rules files are loaded. An item must name one operation and
/// at least a rule or a tag, as Falco's decoder requires; what Falco would silently ignore (both operations in one
/// item, another key) is an error here, so nothing written is left unapplied.
/// </summary>
internal static class RuleSelectionBinder
{
    private static readonly string[] Operations = ["enable", "disable"];
    private static readonly string[] Targets = ["rule", "tag"];

    /// <summary>Null when the key is absent.</summary>
    public static IReadOnlyList<RuleSelection>? Bind(ConfigMap root, string key)
    {
        var items = root.List(key);
        if (items is null)
        {
            return null;
        }
        var selections = new List<RuleSelection>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{key}[{i}]";
            if (items[i] is not YamlMappingNode map)
            {
                throw root.Error(items[i], path,
                    $"expected a map with 'enable' or 'disable', got {ConfigDocument.Describe(items[i])}");
            }
            selections.Add(Item(new ConfigMap(root.Document, map, path)));
        }
        return selections;
    }

    private static RuleSelection Item(ConfigMap item)
    {
        foreach (var (name, location) in item.Keys)
        {
            if (!Operations.Contains(name))
            {
                throw new ConfigurationException(location, item.PathOf(name), "unknown key: an item is 'enable' or 'disable'");
            }
        }
        var operations = Operations.Where(item.Has).ToArray();
        if (operations.Length != 1)
        {
            throw new ConfigurationException(item.Location, item.Prefix, operations.Length == 0
                ? "expected 'enable' or 'disable'"
                : "an item is either 'enable' or 'disable', not both: write two items");
        }
        var operation = operations[0];
        var target = item.Map(operation) ?? throw item.Error(operation, "expected a map with 'rule' and/or 'tag'");
        foreach (var (name, location) in target.Keys)
        {
            if (!Targets.Contains(name))
            {
                throw new ConfigurationException(location, target.PathOf(name), "unknown key: expected 'rule' or 'tag'");
            }
        }
        var rule = target.Has("rule") ? target.String("rule", "") : null;
        var tag = target.Has("tag") ? target.String("tag", "") : null;
        if (string.IsNullOrEmpty(rule) && string.IsNullOrEmpty(tag))
        {
            throw item.Error(operation, "needs a rule name (wildcards allowed) or a tag");
        }
        return new RuleSelection(operation == "enable", rule, tag);
    }
}
