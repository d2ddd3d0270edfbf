using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.Output;

namespace Falco.Actors.Rules.RuleSets;

/// <summary>
/// A rule of one source, compiled: its resolved condition (AST and filter), its output (compiled with a leading
/// <c>*</c>, as Falco always does), priority, tags (sorted, distinct) and enabled flag. <see cref="Order"/> is its
/// position in the order the source's rules run: their definition order, unless falco.yaml's <c>rules:</c> enabled
/// a rule again after disabling it (<see cref="RuleSelection"/>).
/// </summary>
public sealed class CompiledRule
{
    private CompiledRule(int order, string name, AstNode condition, CompiledFilter filter, CompiledOutput output,
        Priority priority, string source, IReadOnlyList<string> tags, bool enabled, IReadOnlyList<ExtraOutputField> extraFields)
    {
        ExtraFields = extraFields;
        Order = order;
        Name = name;
        Condition = condition;
        Filter = filter;
        Output = output;
        Priority = priority;
        Source = source;
        Tags = tags;
        Enabled = enabled;
    }

    public int Order { get; }
    public string Name { get; }
    public AstNode Condition { get; }
    public CompiledFilter Filter { get; }
    public CompiledOutput Output { get; }
    public Priority Priority { get; }
    public string Source { get; }
    public IReadOnlyList<string> Tags { get; }
    public bool Enabled { get; }

    /// <summary>What falco.yaml's <c>append_output</c> adds to this rule's JSON <c>output_fields</c>.</summary>
    public IReadOnlyList<ExtraOutputField> ExtraFields { get; }

    /// <summary>
    /// Compiles a rule with its source's compiler. Throws <see cref="FilterCompileException"/> for the condition
    /// and <see cref="OutputTemplateException"/> for the output.
    /// </summary>
    public static CompiledRule Compile(FilterCompiler compiler, int order, string name, AstNode condition,
        string output, Priority priority, IEnumerable<string> tags, bool enabled = true,
        IReadOnlyList<ExtraOutputField>? extraFields = null)
    {
        return Create(compiler, order, name, condition, compiler.Compile(condition), output, priority, tags, enabled,
            extraFields ?? []);
    }

    /// <summary>
    /// A rule from the loader, compiled with the compiler of its source (the one in
    /// <see cref="RulesLoadResult.Compilers"/>, whose slots its filter already uses). <paramref name="order"/> is
    /// its position in <see cref="RulesLoadResult.Rules"/>. <paramref name="appendedOutput"/> is appended to its output
    /// text and <paramref name="extraFields"/> added to its <c>output_fields</c> (falco.yaml's <c>append_output</c>,
    /// compiled with the same compiler).
    /// </summary>
    public static CompiledRule FromLoaded(FilterCompiler compiler, LoadedRule rule, int order, string appendedOutput = "",
        IReadOnlyList<ExtraOutputField>? extraFields = null)
    {
        if (rule.Source != compiler.Registry.Source)
        {
            throw new ArgumentException($"rule '{rule.Name}' is of source '{rule.Source}', not '{compiler.Registry.Source}'",
                nameof(rule));
        }
        return Create(compiler, order, rule.Name, rule.ConditionAst, rule.Filter ?? compiler.Compile(rule.ConditionAst),
            rule.Output + appendedOutput, rule.Priority, rule.Tags, rule.Enabled, extraFields ?? []);
    }

    private static CompiledRule Create(FilterCompiler compiler, int order, string name, AstNode condition,
        CompiledFilter filter, string output, Priority priority, IEnumerable<string> tags, bool enabled,
        IReadOnlyList<ExtraOutputField> extraFields)
    {
        var format = output.StartsWith('*') ? output : "*" + output;
        var compiledOutput = CompiledOutput.Compile(format, compiler);
        var sortedTags = tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new CompiledRule(order, name, condition, filter, compiledOutput, priority,
            compiler.Registry.Source, sortedTags, enabled, extraFields);
    }

    /// <summary>This rule at another position of the run order (the same compiled parts).</summary>
    internal CompiledRule At(int order) =>
        order == Order ? this : new CompiledRule(order, Name, Condition, Filter, Output, Priority, Source, Tags, Enabled, ExtraFields);

    public override string ToString() => $"{Order}:{Name}";
}
