using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Parsing;

namespace Falco.Actors.Rules.Loading;

/// <summary>What compiling the collected items gives.</summary>
internal sealed record CompiledRuleSet(
    IReadOnlyList<LoadedList> Lists,
    IReadOnlyList<LoadedMacro> Macros,
    IReadOnlyList<LoadedRule> Rules,
    IReadOnlyDictionary<string, FilterCompiler> Compilers);

/// <summary>
/// Resolves everything collected so far (Falco's rule_loader::compiler): expands lists, parses and resolves macros
/// with visibility, builds each known-source rule's condition (exceptions, lists, macros) and compiles it against
/// its source's fields. Throws <see cref="RuleLoadException"/> at the first error; warns about unused items.
/// </summary>
internal sealed class RuleSetCompiler
{
    // Falco's rule compiler raises the parser's depth limit from 100 to 1000.
    private const int MaxConditionDepth = 1000;

    private readonly RuleCollector _collector;
    private readonly RuleSourceSet _sources;
    private readonly LoadMessages _messages;
    private readonly List<(string Name, IReadOnlyList<string> Items)> _lists = [];
    private readonly HashSet<string> _usedLists = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedMacros = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AstNode> _macroAsts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FilterCompiler> _compilers = new(StringComparer.Ordinal);

    private RuleSetCompiler(RuleCollector collector, RuleSourceSet sources, LoadMessages messages)
    {
        _collector = collector;
        _sources = sources;
        _messages = messages;
    }

    public static CompiledRuleSet Compile(RuleCollector collector, RuleSourceSet sources, LoadMessages messages) =>
        new RuleSetCompiler(collector, sources, messages).Compile();

    private CompiledRuleSet Compile()
    {
        CompileLists();
        CompileMacros();
        var rules = CompileRules();

        var macros = _collector.Macros
            .Select(m => new LoadedMacro(m.Name, m.Condition, _macroAsts[m.Name], _usedMacros.Contains(m.Name), m.Context.Location))
            .ToList();
        var lists = _collector.Lists
            .Select((l, i) => new LoadedList(l.Name, _lists[i].Items, _usedLists.Contains(l.Name), l.Context.Location))
            .ToList();
        foreach (var macro in _collector.Macros.Where(m => !_usedMacros.Contains(m.Name)))
        {
            _messages.Warn(LoadCode.UnusedMacro, "Macro not referred to by any other rule/macro", macro.Context);
        }
        foreach (var list in _collector.Lists.Where(l => !_usedLists.Contains(l.Name)))
        {
            _messages.Warn(LoadCode.UnusedList, "List not referred to by any other rule/macro", list.Context);
        }
        return new CompiledRuleSet(lists, macros, rules, _compilers);
    }

    // An item naming a list defined before this list's last define/append is replaced by that list's items.
    private void CompileLists()
    {
        var byName = _collector.Lists.ToDictionary(l => l.Name, StringComparer.Ordinal);
        foreach (var list in _collector.Lists)
        {
            var items = new List<string>();
            foreach (var item in list.Items)
            {
                if (byName.TryGetValue(item, out var referenced) && referenced.Index < list.Visibility)
                {
                    _usedLists.Add(referenced.Name);
                    items.AddRange(referenced.Items);
                }
                else
                {
                    items.Add(item);
                }
            }
            _lists.Add((list.Name, items));
        }
    }

    private void CompileMacros()
    {
        foreach (var macro in _collector.Macros)
        {
            _macroAsts[macro.Name] = Parse(macro.Condition, macro.ConditionContext);
        }
        // A macro sees only the macros defined before its last define/append; earlier macros are already resolved.
        foreach (var macro in _collector.Macros)
        {
            var visible = _collector.Macros
                .Where(m => m.Index < macro.Visibility)
                .ToDictionary(m => m.Name, m => _macroAsts[m.Name], StringComparer.Ordinal);
            _macroAsts[macro.Name] = ResolveMacros(_macroAsts[macro.Name], visible, macro.ConditionContext);
        }
    }

    private List<LoadedRule> CompileRules()
    {
        var rules = new List<LoadedRule>();
        foreach (var rule in _collector.Rules)
        {
            if (rule.UnknownSource)
            {
                continue;
            }
            var exceptionFields = new SortedSet<string>(StringComparer.Ordinal);
            var condition = rule.Exceptions.Count > 0
                ? ExceptionConditionBuilder.Build(rule.Condition, rule.Exceptions, exceptionFields)
                : rule.Condition;
            var expanded = SubstituteLists(condition);
            var ast = ParseText(expanded, rule.ConditionContext);
            // Rules see every macro, wherever it is defined.
            ast = ResolveMacros(ast, _macroAsts, rule.ConditionContext);

            CompiledFilter? filter = null;
            var registry = _sources.RegistryOf(rule.Source);
            if (registry is not null)
            {
                if (!TryCompile(rule, ast, registry, out filter))
                {
                    continue;
                }
            }
            rules.Add(new LoadedRule
            {
                Name = rule.Name,
                Description = rule.Description,
                Condition = rule.Condition,
                ExpandedCondition = expanded,
                ConditionAst = ast,
                Filter = filter,
                Output = rule.Output,
                Priority = rule.Priority,
                Source = rule.Source,
                Tags = rule.Tags,
                Enabled = rule.Enabled,
                WarnEvttypes = rule.WarnEvttypes,
                SkipIfUnknownFilter = rule.SkipIfUnknownFilter,
                Capture = rule.Capture,
                CaptureDuration = rule.CaptureDuration,
                ExceptionFields = exceptionFields,
                Location = rule.Context.Location,
                ConditionLocation = rule.ConditionContext.Location,
                OutputLocation = rule.OutputContext.Location,
            });
        }
        return rules;
    }

    // False when the rule is skipped (skip-if-unknown-filter and an unknown field).
    private bool TryCompile(RuleDefinition rule, AstNode ast, Fields.FieldRegistry registry, out CompiledFilter? filter)
    {
        if (!_compilers.TryGetValue(rule.Source, out var compiler))
        {
            compiler = new FilterCompiler(registry);
            _compilers[rule.Source] = compiler;
        }
        filter = null;
        // Like Falco, the output is validated first, as a "*"-prefixed format of the rule's source.
        try
        {
            Output.CompiledOutput.Compile(rule.Output.StartsWith('*') ? rule.Output : "*" + rule.Output, compiler);
        }
        catch (Output.OutputTemplateException e)
        {
            if (rule.SkipIfUnknownFilter && IsUnknownFieldError(e.Message))
            {
                _messages.Warn(LoadCode.UnknownFilter, e.Message, rule.OutputContext);
                return false;
            }
            throw new RuleLoadException(LoadCode.ErrCompileOutput, e.Message, rule.OutputContext);
        }

        var warningsBefore = compiler.Warnings.Count;
        try
        {
            filter = compiler.Compile(ast);
        }
        catch (FilterCompileException e)
        {
            var message = $"filter error at {e.Position}: {e.Reason}";
            if (rule.SkipIfUnknownFilter && IsUnknownFieldError(e.Reason))
            {
                _messages.Add(new LoadMessage(LoadSeverity.Warning, LoadCode.UnknownFilter, message,
                    rule.ConditionContext.Item, rule.ConditionContext.Location) { ConditionPosition = e.Position });
                return false;
            }
            throw new RuleLoadException(LoadCode.ErrCompileCondition, message, rule.ConditionContext) { ConditionPosition = e.Position };
        }
        foreach (var warning in compiler.Warnings.Skip(warningsBefore))
        {
            _messages.Add(new LoadMessage(LoadSeverity.Warning, LoadCode.CompileCondition, warning.Message,
                rule.ConditionContext.Item, rule.ConditionContext.Location) { ConditionPosition = warning.Position });
        }
        return true;
    }

    private static bool IsUnknownFieldError(string reason) =>
        reason.Contains("nonexistent field", StringComparison.Ordinal)
        || reason.Contains("invalid formatting token", StringComparison.Ordinal)
        || reason.Contains("unknown event type", StringComparison.Ordinal)
        || reason.Contains("unknown filter:", StringComparison.Ordinal);

    private AstNode Parse(string condition, ItemContext context) => ParseText(SubstituteLists(condition), context);

    // Lists have no visibility with respect to macros and rules: every list is substituted, in definition order.
    private string SubstituteLists(string condition)
    {
        foreach (var (name, items) in _lists)
        {
            if (ListSubstitution.Substitute(ref condition, name, items))
            {
                _usedLists.Add(name);
            }
        }
        return condition;
    }

    private static AstNode ParseText(string text, ItemContext context)
    {
        try
        {
            return FilterParser.Parse(text, MaxConditionDepth);
        }
        catch (FilterParseException e)
        {
            throw new RuleLoadException(LoadCode.ErrCompileCondition, $"filter error at {e.Position}: {e.Reason}", context)
            {
                ConditionPosition = e.Position,
            };
        }
    }

    private AstNode ResolveMacros(AstNode ast, IReadOnlyDictionary<string, AstNode> visible, ItemContext context)
    {
        var resolver = new MacroResolver(visible);
        var resolved = resolver.Resolve(ast);
        if (resolver.FirstError is { } error)
        {
            throw new RuleLoadException(LoadCode.ErrValidate, error.Message, context) { ConditionPosition = error.Position };
        }
        _usedMacros.UnionWith(resolver.Resolved);
        return resolved;
    }
}
