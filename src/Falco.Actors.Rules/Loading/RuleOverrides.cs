using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Rules.Loading;

/// <summary>An item's <c>override</c> map split into the keys to append and the keys to replace.</summary>
internal sealed record RuleOverrides(IReadOnlySet<string> Append, IReadOnlySet<string> Replace)
{
    public bool Any => Append.Count > 0 || Replace.Count > 0;

    public static RuleOverrides Read(YamlMappingNode item, IReadOnlySet<string> appendable, IReadOnlySet<string> replaceable,
        ItemContext context, string file)
    {
        var append = new SortedSet<string>(StringComparer.Ordinal);
        var replace = new SortedSet<string>(StringComparer.Ordinal);
        if (YamlNodes.Get(item, "override") is not YamlMappingNode map)
        {
            return new RuleOverrides(append, replace);
        }
        foreach (var (keyNode, opNode) in map.Children)
        {
            var key = YamlNodes.Text(keyNode);
            var keyContext = context.At(YamlNodes.LocationOf(keyNode, file));
            if (opNode is not YamlScalarNode)
            {
                throw YamlNodes.Invalid("Value is not a scalar value", context.At(YamlNodes.LocationOf(opNode, file)));
            }
            var operation = YamlNodes.Text(opNode);
            if (operation == "append")
            {
                if (!appendable.Contains(key))
                {
                    throw YamlNodes.Invalid($"Key '{key}' cannot be appended to, use 'replace' instead", keyContext);
                }
                append.Add(key);
            }
            else if (operation == "replace")
            {
                if (!replaceable.Contains(key))
                {
                    throw YamlNodes.Invalid($"Key '{key}' cannot be replaced", keyContext);
                }
                replace.Add(key);
            }
            else
            {
                var allowed = (appendable.Contains(key) ? "append " : "") + (replaceable.Contains(key) ? "replace " : "");
                throw YamlNodes.Invalid(
                    $"Invalid override operation for key '{key}': '{operation}'. Allowed values are: {allowed.TrimEnd()}",
                    context.At(YamlNodes.LocationOf(opNode, file)));
            }
        }
        return new RuleOverrides(append, replace);
    }
}
