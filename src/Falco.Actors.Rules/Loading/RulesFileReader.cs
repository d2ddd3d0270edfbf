using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Falco.Actors.Rules.Loading.Schema;
using YamlDotNet.RepresentationModel;
using static Falco.Actors.Rules.Loading.YamlNodes;

namespace Falco.Actors.Rules.Loading;

/// <summary>
/// Reads one rules file (YAML, possibly several documents) into a <see cref="RuleCollector"/>, item by item, with
/// the checks, warnings and messages of Falco's rule_loader_reader. Stops at the first error.
/// </summary>
internal sealed partial class RulesFileReader
{
    private const string WarningAppend = "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";
    private const string WarningEnabled = "The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').";
    private const string ErrorOverrideAppend = "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";
    private const string IdentifierPattern = "([a-zA-Z]+[a-zA-Z0-9_]*)";
    private const string BareStringPattern = "([^()\"'[:space:]=,]+)";

    private static readonly HashSet<string> EngineVersionKeys = ["required_engine_version"];
    private static readonly HashSet<string> PluginVersionsKeys = ["required_plugin_versions"];
    private static readonly HashSet<string> ListKeys = ["list", "items", "append", "override"];
    private static readonly HashSet<string> MacroKeys = ["macro", "condition", "append", "override"];
    private static readonly HashSet<string> RuleKeys =
    [
        "rule", "condition", "output", "desc", "priority", "source", "enabled", "tags", "exceptions", "warn_evttypes",
        "skip-if-unknown-filter", "capture", "capture_duration", "append", "override",
    ];
    private static readonly HashSet<string> ListItemsKey = ["items"];
    private static readonly HashSet<string> MacroConditionKey = ["condition"];
    private static readonly HashSet<string> RuleAppendable = ["condition", "output", "desc", "tags", "exceptions"];
    private static readonly HashSet<string> RuleReplaceable =
    [
        "condition", "output", "desc", "priority", "tags", "exceptions", "enabled", "warn_evttypes",
        "skip-if-unknown-filter", "capture", "capture_duration",
    ];

    private readonly string _file;
    private readonly RuleCollector _collector;
    private readonly LoadMessages _messages;

    private RulesFileReader(string file, RuleCollector collector, LoadMessages messages)
    {
        _file = file;
        _collector = collector;
        _messages = messages;
    }

    /// <summary>Reads <paramref name="content"/>; false (with one error in <paramref name="messages"/>) on the first error.</summary>
    public static bool Read(string file, string content, RuleCollector collector, LoadMessages messages) =>
        new RulesFileReader(file, collector, messages).Read(content);

    private bool Read(string content)
    {
        var stream = new YamlStream();
        var parser = new LimitedYamlParser(new StringReader(content));
        try
        {
            stream.Load(parser);
        }
        catch (YamlLimitException e)
        {
            var at = new FileLocation(_file, (int)e.Start.Line, (int)e.Start.Column);
            _messages.Add(new LoadMessage(LoadSeverity.Error, LoadCode.ErrYamlParse, e.Problem, "", at));
            return false;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            var at = new FileLocation(_file, (int)e.Start.Line, (int)e.Start.Column);
            _messages.Add(new LoadMessage(LoadSeverity.Error, LoadCode.ErrYamlParse, YamlProblem(e), "", at));
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (e.g. an unclosed flow sequence): report
            // where the last well-formed YAML ended.
            var end = parser.Current?.End;
            var at = end is { } mark ? new FileLocation(_file, (int)mark.Line, (int)mark.Column) : FileLocation.WholeFile(_file);
            _messages.Add(new LoadMessage(LoadSeverity.Error, LoadCode.ErrYamlParse, "invalid YAML: cannot be read past this point", "", at));
            return false;
        }

        CheckSchema(stream);
        try
        {
            foreach (var document in stream.Documents)
            {
                ReadDocument(document.RootNode);
            }
            return true;
        }
        catch (RuleLoadException e)
        {
            _messages.Add(e.ToMessage());
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Falco turns any other failure while validating into LOAD_ERR_VALIDATE for the file.
            _messages.Add(new LoadMessage(LoadSeverity.Error, LoadCode.ErrValidate, e.Message, "", FileLocation.WholeFile(_file)));
            return false;
        }
    }

    /// <summary>Each document against <see cref="RulesSchema"/>, as Falco checks them; mismatches are only warnings.</summary>
    private void CheckSchema(YamlStream stream)
    {
        foreach (var document in stream.Documents)
        {
            foreach (var problem in RulesSchema.Schema.Validate(document.RootNode))
            {
                _messages.Schema.Add(new SchemaWarning(LocationOf(problem.Node, _file), problem.Path, problem.Message));
            }
        }
    }

    private void ReadDocument(YamlNode root)
    {
        if (IsNull(root))
        {
            return;
        }
        var context = new ItemContext("", LocationOf(root, _file));
        if (root is YamlScalarNode)
        {
            throw Invalid("Rules content is not yaml", context);
        }
        if (root is not YamlSequenceNode items)
        {
            throw Invalid("Rules content is not yaml array of objects", context);
        }
        foreach (var item in items.Children)
        {
            if (!IsNull(item))
            {
                ReadItem(item);
            }
        }
    }

    private void ReadItem(YamlNode node)
    {
        var location = LocationOf(node, _file);
        if (node is not YamlMappingNode item)
        {
            throw Invalid("Unexpected element type. Each element should be a yaml associative array.", new ItemContext("", location));
        }
        if (Has(item, "required_engine_version"))
        {
            ReadEngineVersion(item, new ItemContext("required_engine_version", location));
        }
        else if (Has(item, "required_plugin_versions"))
        {
            ReadPluginVersions(item, new ItemContext("required_plugin_versions", location));
        }
        else if (Has(item, "list"))
        {
            ReadList(item, location);
        }
        else if (Has(item, "macro"))
        {
            ReadMacro(item, location);
        }
        else if (Has(item, "rule"))
        {
            ReadRule(item, location);
        }
        else
        {
            _messages.Warn(LoadCode.UnknownItem, "Unknown top level item", new ItemContext("", location));
        }
    }

    private void ReadEngineVersion(YamlMappingNode item, ItemContext context)
    {
        WarnUnknownKeys(item, EngineVersionKeys, context);
        var text = RequiredString(item, "required_engine_version", context, _file);
        SemVer version;
        if (uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            version = EngineVersion.FromImplicit(number);
        }
        else if (!SemVer.TryParse(text, out version))
        {
            throw Invalid($"Unable to parse engine version '{text}' as a semver string. Expected \"x.y.z\" semver format.", context);
        }
        _collector.RequireEngineVersion(version, context);
    }

    private void ReadPluginVersions(YamlMappingNode item, ItemContext context)
    {
        WarnUnknownKeys(item, PluginVersionsKeys, context);
        var value = Get(item, "required_plugin_versions")!;
        context = context.At(LocationOf(value, _file));
        if (value is not YamlSequenceNode entries)
        {
            throw Invalid("Value of required_plugin_versions must be a sequence", context);
        }
        foreach (var entry in entries.Children)
        {
            var entryContext = new ItemContext("required_plugin_versions entry", LocationOf(entry, _file));
            if (entry is not YamlMappingNode map)
            {
                throw Invalid("Plugin version must be a mapping", entryContext);
            }
            var name = RequiredString(map, "name", entryContext, _file);
            entryContext = entryContext with { Item = ItemContext.Describe("required_plugin_versions entry", name) };
            var alternatives = new List<PluginRequirement> { new(name, RequiredString(map, "version", entryContext, _file)) };
            var others = Get(map, "alternatives");
            if (others is not null)
            {
                if (others is not YamlSequenceNode otherEntries)
                {
                    throw Invalid("Value of plugin version alternatives must be a sequence", entryContext);
                }
                foreach (var other in otherEntries.Children)
                {
                    var otherContext = new ItemContext("required_plugin_versions alternative", LocationOf(other, _file));
                    if (other is not YamlMappingNode otherMap)
                    {
                        throw Invalid("Plugin version alternative must be a mapping", otherContext);
                    }
                    var otherName = RequiredString(otherMap, "name", otherContext, _file);
                    otherContext = otherContext with { Item = ItemContext.Describe("required_plugin_versions alternative", otherName) };
                    alternatives.Add(new PluginRequirement(otherName, RequiredString(otherMap, "version", otherContext, _file)));
                }
            }
            _collector.RequirePlugins(new PluginRequirementGroup(alternatives), entryContext);
        }
    }

    private void ReadList(YamlMappingNode item, FileLocation location)
    {
        var name = RequiredString(item, "list", new ItemContext("list", location), _file);
        var context = new ItemContext(ItemContext.Describe("list", name), location);
        if (!BareString().IsMatch(name))
        {
            _messages.Warn(LoadCode.InvalidListName, $"List has an invalid name. List names should match a regular expression: {BareStringPattern}", context);
        }
        WarnUnknownKeys(item, ListKeys, context);
        var items = OptionalScalarSequence(item, "items", context, _file)
            ?? throw Invalid("Item has no mapping for key 'items'", context);
        var append = ReadAppendFlag(item, context);
        var overrides = RuleOverrides.Read(item, ListItemsKey, ListItemsKey, context, _file);
        if (append && overrides.Any)
        {
            throw Invalid(ErrorOverrideAppend, context);
        }
        var list = new ListDefinition(name, items, context);
        if (append || overrides.Append.Contains("items"))
        {
            _collector.AppendList(list);
        }
        else
        {
            _collector.DefineList(list);
        }
    }

    private void ReadMacro(YamlMappingNode item, FileLocation location)
    {
        var name = RequiredString(item, "macro", new ItemContext("macro", location), _file);
        var context = new ItemContext(ItemContext.Describe("macro", name), location);
        if (!Identifier().IsMatch(name))
        {
            _messages.Warn(LoadCode.InvalidMacroName, $"Macro has an invalid name. Macro names should match a regular expression: {IdentifierPattern}", context);
        }
        WarnUnknownKeys(item, MacroKeys, context);
        var condition = RequiredString(item, "condition", context, _file);
        var conditionContext = context.At(LocationOf(Get(item, "condition")!, _file));
        var append = ReadAppendFlag(item, context);
        var overrides = RuleOverrides.Read(item, MacroConditionKey, MacroConditionKey, context, _file);
        if (append && overrides.Any)
        {
            throw Invalid(ErrorOverrideAppend, context);
        }
        var macro = new MacroDefinition(name, condition, context, conditionContext);
        if (append || overrides.Append.Contains("condition"))
        {
            _collector.AppendMacro(macro);
        }
        else
        {
            _collector.DefineMacro(macro);
        }
    }

    private void ReadRule(YamlMappingNode item, FileLocation location)
    {
        var name = RequiredString(item, "rule", new ItemContext("rule", location), _file);
        var context = new ItemContext(ItemContext.Describe("rule", name), location);
        WarnUnknownKeys(item, RuleKeys, context);
        var append = ReadAppendFlag(item, context);
        var overrides = RuleOverrides.Read(item, RuleAppendable, RuleReplaceable, context, _file);
        if (append && overrides.Any)
        {
            throw Invalid(ErrorOverrideAppend, context);
        }
        if (overrides.Any)
        {
            ReadRuleOverrides(item, name, context, overrides);
        }
        else if (append)
        {
            _collector.AppendRule(new RuleUpdate(name, context)
            {
                Condition = OptionalString(item, "condition", context, _file),
                Exceptions = Has(item, "exceptions") ? ReadExceptions(item, context, appending: true) : null,
            });
        }
        else if (!Has(item, "condition") && !Has(item, "output") && !Has(item, "desc") && !Has(item, "priority"))
        {
            var enabled = OptionalBool(item, "enabled", context, _file)
                ?? throw Invalid("Item has no mapping for key 'enabled'", context);
            _messages.Warn(LoadCode.DeprecatedItem, WarningEnabled, context);
            _collector.EnableRule(name, enabled, context);
        }
        else
        {
            _collector.DefineRule(ReadRuleDefinition(item, name, context), _messages);
        }
    }

    private RuleDefinition ReadRuleDefinition(YamlMappingNode item, string name, ItemContext context)
    {
        var condition = RequiredString(item, "condition", context, _file);
        var output = RequiredString(item, "output", context, _file);
        var description = RequiredString(item, "desc", context, _file);
        var priority = ReadPriority(item, context);
        return new RuleDefinition(name, context)
        {
            Condition = condition,
            ConditionContext = context.At(LocationOf(Get(item, "condition")!, _file)),
            Output = output.Trim(),
            OutputContext = context.At(LocationOf(Get(item, "output")!, _file)),
            Description = description,
            Priority = priority,
            Source = OptionalString(item, "source", context, _file) ?? RuleSources.Syscall,
            Enabled = OptionalBool(item, "enabled", context, _file) ?? true,
            WarnEvttypes = OptionalBool(item, "warn_evttypes", context, _file) ?? true,
            SkipIfUnknownFilter = OptionalBool(item, "skip-if-unknown-filter", context, _file) ?? false,
            Capture = OptionalBool(item, "capture", context, _file) ?? false,
            CaptureDuration = OptionalUnsigned(item, "capture_duration", context, _file) ?? 0,
            Tags = ReadTags(item, context) ?? ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
            Exceptions = ReadExceptions(item, context, appending: false),
        };
    }

    private void ReadRuleOverrides(YamlMappingNode item, string name, ItemContext context, RuleOverrides overrides)
    {
        // Every appendable/replaceable key present must have an override entry, and every entry its key.
        var expected = new SortedSet<string>(RuleAppendable.Concat(RuleReplaceable).Where(k => Has(item, k)), StringComparer.Ordinal);
        bool Take(IReadOnlySet<string> operation, string kind, string key)
        {
            if (!operation.Contains(key))
            {
                return false;
            }
            if (!expected.Remove(key))
            {
                throw Invalid($"An {kind} override for '{key}' was specified but '{key}' is not defined", context);
            }
            return true;
        }

        if (overrides.Append.Count > 0)
        {
            var a = overrides.Append;
            _collector.AppendRule(new RuleUpdate(name, context)
            {
                Condition = Take(a, "append", "condition") ? RequiredString(item, "condition", context, _file) : null,
                Exceptions = Take(a, "append", "exceptions") ? ReadExceptions(item, context, appending: true) : null,
                Output = Take(a, "append", "output") ? RequiredString(item, "output", context, _file) : null,
                Description = Take(a, "append", "desc") ? RequiredString(item, "desc", context, _file) : null,
                Tags = Take(a, "append", "tags") ? ReadTags(item, context) : null,
            });
        }
        if (overrides.Replace.Count > 0)
        {
            var r = overrides.Replace;
            var condition = Take(r, "replace", "condition") ? RequiredString(item, "condition", context, _file) : null;
            var output = Take(r, "replace", "output") ? RequiredString(item, "output", context, _file) : null;
            _collector.ReplaceRule(new RuleUpdate(name, context)
            {
                Condition = condition,
                ConditionContext = condition is null ? null : context.At(LocationOf(Get(item, "condition")!, _file)),
                Exceptions = Take(r, "replace", "exceptions") ? ReadExceptions(item, context, appending: false) : null,
                Output = output,
                OutputContext = output is null ? null : context.At(LocationOf(Get(item, "output")!, _file)),
                Description = Take(r, "replace", "desc") ? RequiredString(item, "desc", context, _file) : null,
                Tags = Take(r, "replace", "tags") ? ReadTags(item, context) : null,
                Priority = Take(r, "replace", "priority") ? ReadPriority(item, context) : null,
                Enabled = Take(r, "replace", "enabled") ? OptionalBool(item, "enabled", context, _file) : null,
                WarnEvttypes = Take(r, "replace", "warn_evttypes") ? OptionalBool(item, "warn_evttypes", context, _file) : null,
                SkipIfUnknownFilter = Take(r, "replace", "skip-if-unknown-filter") ? OptionalBool(item, "skip-if-unknown-filter", context, _file) : null,
                Capture = Take(r, "replace", "capture") ? OptionalBool(item, "capture", context, _file) : null,
                CaptureDuration = Take(r, "replace", "capture_duration") ? OptionalUnsigned(item, "capture_duration", context, _file) : null,
            });
        }
        foreach (var key in expected)
        {
            throw Invalid($"Unexpected key '{key}': no corresponding entry under 'override' is defined.",
                context.At(LocationOf(Get(item, key)!, _file)));
        }
    }

    private Priority ReadPriority(YamlMappingNode item, ItemContext context)
    {
        var text = RequiredString(item, "priority", context, _file);
        return PriorityNames.TryParse(text, out var priority)
            ? priority
            : throw Invalid("Invalid priority", context.At(LocationOf(Get(item, "priority")!, _file)));
    }

    private ImmutableSortedSet<string>? ReadTags(YamlMappingNode item, ItemContext context) =>
        OptionalScalarSequence(item, "tags", context, _file)?.ToImmutableSortedSet(StringComparer.Ordinal);

    private bool ReadAppendFlag(YamlMappingNode item, ItemContext context)
    {
        var append = OptionalBool(item, "append", context, _file) ?? false;
        if (append)
        {
            _messages.Warn(LoadCode.DeprecatedItem, WarningAppend, context);
        }
        return append;
    }

    private void WarnUnknownKeys(YamlMappingNode item, IReadOnlySet<string> known, ItemContext context)
    {
        foreach (var key in item.Children.Keys)
        {
            var name = Text(key);
            if (!known.Contains(name))
            {
                _messages.Warn(LoadCode.UnknownKey, $"Unknown key '{name}'. The key will be ignored.", context.At(LocationOf(key, _file)));
            }
        }
    }

    private static string YamlProblem(YamlDotNet.Core.YamlException e)
    {
        // YamlDotNet prefixes "(Line: l, Col: c, Idx: i) - (Line: ...): "; the location is reported separately.
        var message = e.InnerException?.Message ?? e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
    }

    [GeneratedRegex("^" + IdentifierPattern + "$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[^()\"'\\s=,]+$")]
    private static partial Regex BareString();
}
