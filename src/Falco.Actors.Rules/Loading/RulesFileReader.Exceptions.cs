using YamlDotNet.RepresentationModel;
using static Falco.Actors.Rules.Loading.YamlNodes;

namespace Falco.Actors.Rules.Loading;

// Reading a rule's `exceptions` (rule_loader_reader.cpp: read_rule_exceptions).
internal sealed partial class RulesFileReader
{
    private IReadOnlyList<ExceptionInfo> ReadExceptions(YamlMappingNode item, ItemContext rule, bool appending)
    {
        var node = Get(item, "exceptions");
        if (node is null || IsNull(node))
        {
            return [];
        }
        if (node is not YamlSequenceNode entries)
        {
            throw Invalid("Rule exceptions must be a sequence", rule.At(LocationOf(node, _file)));
        }
        var exceptions = new List<ExceptionInfo>();
        foreach (var entry in entries.Children)
        {
            var at = rule.At(LocationOf(entry, _file));
            if (entry is not YamlMappingNode map)
            {
                throw Invalid("Rule exception must be a mapping", at);
            }
            var name = RequiredString(map, "name", at, _file);
            var context = at with { Item = $"{rule.Item}, {ItemContext.Describe("exception", name)}" };
            if (exceptions.Any(e => e.Name == name))
            {
                _messages.Warn(LoadCode.ExceptionNameNotUnique, $"Multiple definitions of exception '{name}' in the same rule", context);
            }
            var fields = ReadEntry(map, "fields", context, optional: appending);
            var comps = ReadEntry(map, "comps", context, optional: true);
            var values = new List<ExceptionEntry>();
            var valuesNode = Get(map, "values");
            if (valuesNode is not null)
            {
                if (valuesNode is not YamlSequenceNode valueSequence)
                {
                    throw Invalid("Rule exception values must be a sequence", context.At(LocationOf(valuesNode, _file)));
                }
                foreach (var value in valueSequence.Children)
                {
                    values.Add(DecodeEntry(value, context) ?? ExceptionEntry.Scalar(""));
                }
            }
            else if (appending)
            {
                _messages.Warn(LoadCode.AppendNoValues, "Overriding/appending exception with no values", context);
            }
            exceptions.Add(new ExceptionInfo(name, fields, comps, values, context));
        }
        return exceptions;
    }

    // fields/comps: a scalar or a sequence; absent (or empty, or neither) means "not given".
    private ExceptionEntry? ReadEntry(YamlMappingNode map, string key, ItemContext context, bool optional)
    {
        var node = Get(map, key);
        if (node is null)
        {
            return optional ? null : throw Invalid($"Item has no mapping for key '{key}'", context);
        }
        var entry = DecodeEntry(node, context);
        return entry is { IsList: true, Items.Count: 0 } ? null : entry;
    }

    private ExceptionEntry? DecodeEntry(YamlNode node, ItemContext context)
    {
        if (node is YamlScalarNode scalar && !IsNull(node))
        {
            if (string.IsNullOrEmpty(scalar.Value))
            {
                throw Invalid("Value must be non-empty", context.At(LocationOf(node, _file)));
            }
            return ExceptionEntry.Scalar(scalar.Value);
        }
        if (node is YamlSequenceNode sequence)
        {
            var items = new List<ExceptionEntry>();
            foreach (var element in sequence.Children)
            {
                items.Add(DecodeEntry(element, context)
                    ?? throw Invalid("Value must be non-empty", context.At(LocationOf(element, _file))));
            }
            return ExceptionEntry.List(items);
        }
        return null;
    }
}
