using System.Collections.Immutable;

namespace Falco.Actors.Rules.Loading;

/// <summary>
/// Accumulates the items of every rules file in definition order, applying appends, overrides and enables as
/// Falco's rule_loader::collector does. Definitions are immutable; <see cref="Clone"/> snapshots the state so a
/// file that fails can be dropped whole.
/// </summary>
internal sealed class RuleCollector
{
    private const string NoPreviousList = "List uses 'append' or 'override.items: append' but no list by that name already exists";
    private const string NoPreviousMacro = "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists";
    private const string NoPreviousRuleAppend = "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists";
    private const string NoPreviousRuleReplace = "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists";

    private readonly RuleSourceSet _sources;
    private readonly SemVer _engineVersion;
    private NamedItems<ListDefinition> _lists = new();
    private NamedItems<MacroDefinition> _macros = new();
    private NamedItems<RuleDefinition> _rules = new();
    private List<PluginRequirementGroup> _pluginRequirements = [];
    private int _nextIndex;

    public RuleCollector(RuleSourceSet sources, SemVer engineVersion)
    {
        _sources = sources;
        _engineVersion = engineVersion;
    }

    public IReadOnlyList<ListDefinition> Lists => _lists.Items;
    public IReadOnlyList<MacroDefinition> Macros => _macros.Items;
    public IReadOnlyList<RuleDefinition> Rules => _rules.Items;
    public IReadOnlyList<PluginRequirementGroup> PluginRequirements => _pluginRequirements;
    public SemVer? RequiredEngineVersion { get; private set; }

    public RuleCollector Clone() => new(_sources, _engineVersion)
    {
        _lists = _lists.Clone(),
        _macros = _macros.Clone(),
        _rules = _rules.Clone(),
        _pluginRequirements = [.. _pluginRequirements],
        _nextIndex = _nextIndex,
        RequiredEngineVersion = RequiredEngineVersion,
    };

    public void RequireEngineVersion(SemVer required, ItemContext context)
    {
        if (!_engineVersion.IsCompatibleWith(required))
        {
            throw Fail($"Rules require engine version {required}, but engine version is {_engineVersion}", context);
        }
        if (RequiredEngineVersion is null || RequiredEngineVersion.Value < required)
        {
            RequiredEngineVersion = required;
        }
    }

    public void RequirePlugins(PluginRequirementGroup group, ItemContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var requirement in group.Alternatives)
        {
            if (!SemVer.TryParse(requirement.Version, out _))
            {
                throw Fail($"Invalid required version '{requirement.Version}' for plugin '{requirement.Name}'", context);
            }
            if (!names.Add(requirement.Name))
            {
                throw Fail($"Defined multiple alternative version requirements for plugin '{requirement.Name}'", context);
            }
        }
        _pluginRequirements.Add(group);
    }

    public void DefineList(ListDefinition list) => Define(_lists, list.Name, list,
        (l, index, visibility) => l with { Index = index, Visibility = visibility }, l => l.Index);

    public void AppendList(ListDefinition list)
    {
        if (!_lists.TryGet(list.Name, out var previous))
        {
            throw Fail(NoPreviousList, list.Context);
        }
        _lists.Set(list.Name, previous with { Items = [.. previous.Items, .. list.Items], Visibility = _nextIndex++ });
    }

    public void DefineMacro(MacroDefinition macro) => Define(_macros, macro.Name, macro,
        (m, index, visibility) => m with { Index = index, Visibility = visibility }, m => m.Index);

    public void AppendMacro(MacroDefinition macro)
    {
        if (!_macros.TryGet(macro.Name, out var previous))
        {
            throw Fail(NoPreviousMacro, macro.Context);
        }
        _macros.Set(macro.Name, previous with { Condition = previous.Condition + " " + macro.Condition, Visibility = _nextIndex++ });
    }

    public void DefineRule(RuleDefinition rule, LoadMessages messages)
    {
        if (_rules.TryGet(rule.Name, out var previous) && previous.Source != rule.Source)
        {
            throw Fail("Rule has been re-defined with a different source", rule.Context);
        }
        var unknown = !_sources.IsKnown(rule.Source);
        if (unknown)
        {
            messages.Warn(LoadCode.UnknownSource, $"Unknown source {rule.Source}, skipping", rule.Context);
        }
        var exceptions = DefineExceptions(unknown ? null : rule.Source, rule.Exceptions);
        Define(_rules, rule.Name, rule with { UnknownSource = unknown, Exceptions = exceptions },
            (r, index, visibility) => r with { Index = index, Visibility = visibility }, r => r.Index);
    }

    public void AppendRule(RuleUpdate update)
    {
        if (!_rules.TryGet(update.Name, out var previous))
        {
            throw Fail(NoPreviousRuleAppend, update.Context);
        }
        if (!update.HasAnyValue)
        {
            throw Fail("Appended rule must have exceptions or condition property", update.Context);
        }
        var source = previous.UnknownSource ? null : previous.Source;
        var rule = previous;
        if (!string.IsNullOrEmpty(update.Condition))
        {
            rule = rule with { Condition = rule.Condition + " " + update.Condition };
        }
        if (!string.IsNullOrEmpty(update.Output))
        {
            rule = rule with { Output = rule.Output + " " + update.Output };
        }
        if (!string.IsNullOrEmpty(update.Description))
        {
            rule = rule with { Description = rule.Description + " " + update.Description };
        }
        if (update.Tags is not null)
        {
            rule = rule with { Tags = rule.Tags.Union(update.Tags) };
        }
        if (update.Exceptions is not null)
        {
            rule = rule with { Exceptions = MergeExceptions(source, rule.Exceptions, update.Exceptions) };
        }
        _rules.Set(update.Name, rule with { Visibility = _nextIndex++ });
    }

    public void ReplaceRule(RuleUpdate update)
    {
        if (!_rules.TryGet(update.Name, out var previous))
        {
            throw Fail(NoPreviousRuleReplace, update.Context);
        }
        if (!update.HasAnyValue)
        {
            throw Fail("The rule must have at least one field that can be replaced", update.Context);
        }
        var source = previous.UnknownSource ? null : previous.Source;
        var rule = previous with
        {
            Condition = update.Condition ?? previous.Condition,
            ConditionContext = update.ConditionContext ?? previous.ConditionContext,
            Output = update.Output ?? previous.Output,
            OutputContext = update.OutputContext ?? previous.OutputContext,
            Description = update.Description ?? previous.Description,
            Tags = update.Tags ?? previous.Tags,
            Exceptions = update.Exceptions is null ? previous.Exceptions : DefineExceptions(source, update.Exceptions),
            Priority = update.Priority ?? previous.Priority,
            Enabled = update.Enabled ?? previous.Enabled,
            WarnEvttypes = update.WarnEvttypes ?? previous.WarnEvttypes,
            SkipIfUnknownFilter = update.SkipIfUnknownFilter ?? previous.SkipIfUnknownFilter,
            Capture = update.Capture ?? previous.Capture,
            CaptureDuration = update.CaptureDuration ?? previous.CaptureDuration,
            Visibility = _nextIndex++,
        };
        _rules.Set(update.Name, rule);
    }

    /// <summary>The deprecated standalone <c>enabled</c> item.</summary>
    public void EnableRule(string name, bool enabled, ItemContext context)
    {
        if (!_rules.TryGet(name, out var previous))
        {
            throw Fail("Rule has 'enabled' key but no rule by that name already exists", context);
        }
        _rules.Set(name, previous with { Enabled = enabled });
    }

    private void Define<T>(NamedItems<T> items, string name, T item, Func<T, int, int, T> position, Func<T, int> indexOf)
    {
        var id = _nextIndex++;
        // A redefinition keeps the original place in the order but becomes visible from here.
        var index = items.TryGet(name, out var previous) ? indexOf(previous) : id;
        items.Set(name, position(item, index, id));
    }

    // Exceptions of a definition or a replace: each needs its fields.
    private List<ExceptionInfo> DefineExceptions(string? source, IReadOnlyList<ExceptionInfo> exceptions)
    {
        var defined = new List<ExceptionInfo>();
        foreach (var exception in exceptions)
        {
            if (exception.Fields is null)
            {
                throw Fail("Rule exception item must have fields property with a list of fields", exception.Context);
            }
            defined.Add(ValidateException(source, exception));
        }
        return defined;
    }

    private List<ExceptionInfo> MergeExceptions(string? source, IReadOnlyList<ExceptionInfo> existing, IReadOnlyList<ExceptionInfo> added)
    {
        var merged = existing.ToList();
        foreach (var exception in added)
        {
            var at = merged.FindIndex(e => e.Name == exception.Name);
            if (at < 0)
            {
                if (exception.Fields is null)
                {
                    throw Fail("Rule exception must have fields property with a list of fields", exception.Context);
                }
                if (exception.Values.Count == 0)
                {
                    throw Fail("Rule exception must have values property with a list of values", exception.Context);
                }
                merged.Add(ValidateException(source, exception));
                continue;
            }
            if (exception.Fields is not null)
            {
                throw Fail("Can not append exception fields to existing exception, only values", exception.Context);
            }
            if (exception.Comps is not null)
            {
                throw Fail("Can not append exception comps to existing exception, only values", exception.Context);
            }
            merged[at] = merged[at] with { Values = [.. merged[at].Values, .. exception.Values] };
        }
        return merged;
    }

    // Fills in the default comps and checks operators and (when the source has fields) field names.
    private ExceptionInfo ValidateException(string? source, ExceptionInfo exception)
    {
        var fields = exception.Fields!;
        ExceptionEntry comps;
        if (fields.IsList)
        {
            comps = exception.Comps ?? ExceptionEntry.List(fields.Items.Select(_ => ExceptionEntry.Scalar("=")).ToList());
            if (!comps.IsList || fields.Items.Count != comps.Items.Count)
            {
                throw Fail("Fields and comps lists must have equal length", exception.Context);
            }
            foreach (var comp in comps.Items)
            {
                if (comp.IsList || !ExceptionComps.IsSupported(comp.Item))
                {
                    throw Fail($"'{comp.Item}' is not a supported comparison operator", exception.Context);
                }
            }
            foreach (var field in fields.Items)
            {
                CheckField(source, field, exception.Context);
            }
        }
        else
        {
            comps = exception.Comps ?? ExceptionEntry.Scalar("in");
            if (comps.IsList)
            {
                throw Fail("Fields and comps must both be strings", exception.Context);
            }
            if (!ExceptionComps.TakesList(comps.Item))
            {
                throw Fail("When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)", exception.Context);
            }
            CheckField(source, fields, exception.Context);
        }
        return exception with { Comps = comps };
    }

    private void CheckField(string? source, ExceptionEntry field, ItemContext context)
    {
        if (source is not null && (field.IsList || !_sources.IsFieldDefined(source, field.Item)))
        {
            throw Fail($"'{field.Item}' is not a supported filter field", context);
        }
    }

    private static RuleLoadException Fail(string message, ItemContext context) => new(LoadCode.ErrValidate, message, context);
}
