using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Evaluation;

namespace Falco.Actors.Rules.RuleSets;

/// <summary>
/// The compiled rules of one source in definition order, and how they run: only enabled rules (after falco.yaml's
/// <c>rules:</c> selections) at least as severe as the minimum priority, through the <see cref="RuleIndex"/> (unless disabled), alerting the earliest-defined
/// match (<see cref="RuleMatching.First"/>) or every match. Immutable: owners share it, each with its own
/// <see cref="EvalContext"/> made by the same compiler.
/// </summary>
public sealed class RuleSet
{
    private readonly RuleIndex? _index;
    private readonly RuleBucket _all;
    private readonly bool _firstOnly;

    public RuleSet(FilterCompiler compiler, IEnumerable<CompiledRule> rules, RuleSetOptions? options = null)
    {
        Options = options ?? new RuleSetOptions();
        Source = compiler.Registry.Source;
        Rules = [.. rules.OrderBy(r => r.Order)];
        foreach (var rule in Rules)
        {
            if (rule.Source != Source)
            {
                throw new ArgumentException($"rule '{rule.Name}' is of source '{rule.Source}', not '{Source}'", nameof(rules));
            }
        }
        // Falco never puts a rule below the minimum priority in its ruleset, so no selection can enable it.
        var candidates = Rules.Where(r => r.Priority.IsAtLeast(Options.MinimumPriority)).ToList();
        ActiveRules = [.. RuleSelection.Apply(candidates, Options.Selections).Select((r, i) => r.At(i))];
        _all = RuleBucket.Of(ActiveRules, compiler.Slots);
        _index = Options.UseIndex ? RuleIndex.Build(compiler, ActiveRules) : null;
        _firstOnly = Options.Matching == RuleMatching.First;
    }

    public string Source { get; }

    public RuleSetOptions Options { get; }

    /// <summary>Every rule, in definition order.</summary>
    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>
    /// The rules that run, in the order they run: at least as severe as the minimum priority, enabled in their file
    /// or by <see cref="RuleSetOptions.Selections"/> (and not disabled by them).
    /// </summary>
    public IReadOnlyList<CompiledRule> ActiveRules { get; }

    /// <summary>The index, when <see cref="RuleSetOptions.UseIndex"/> is on.</summary>
    public RuleIndex? Index => _index;

    /// <summary>
    /// Starts <paramref name="evt"/> in <paramref name="ctx"/> and replaces the content of <paramref name="matches"/>
    /// with the matching rules in definition order (at most one with <see cref="RuleMatching.First"/>). The context
    /// keeps the event's values for formatting the alerts. Allocates nothing once the list has grown.
    /// </summary>
    public void Match(EvalContext ctx, in PluginEvent evt, List<CompiledRule> matches)
    {
        matches.Clear();
        ctx.Reset(evt);
        RuleBucket bucket;
        if (_index is not null)
        {
            bucket = _index.Lookup(ctx);
        }
        else
        {
            ctx.UsePlan(_all.Plan);
            bucket = _all;
        }
        foreach (var rule in bucket.Array)
        {
            if (rule.Filter.Evaluate(ctx))
            {
                matches.Add(rule);
                if (_firstOnly)
                {
                    return;
                }
            }
        }
    }
}
