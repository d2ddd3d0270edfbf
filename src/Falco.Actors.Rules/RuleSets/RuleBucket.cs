using Falco.Actors.Rules.Filter.Compilation;

namespace Falco.Actors.Rules.RuleSets;

/// <summary>
/// The rules to run for events that fall in one place of a <see cref="RuleIndex"/>, in definition order, and the
/// extraction plan that asks each provider, in one call, for every slot their conditions read.
/// </summary>
public sealed class RuleBucket(CompiledRule[] rules, ExtractionPlan plan)
{
    public IReadOnlyList<CompiledRule> Rules => rules;

    public ExtractionPlan Plan { get; } = plan;

    internal CompiledRule[] Array => rules;

    internal static RuleBucket Of(IEnumerable<CompiledRule> rules, SlotTable slots, params int[] extraSlots)
    {
        var ordered = rules.Distinct().OrderBy(r => r.Order).ToArray();
        var used = new HashSet<int>(extraSlots);
        foreach (var rule in ordered)
        {
            used.UnionWith(rule.Filter.UsedSlots);
        }
        return new RuleBucket(ordered, slots.PlanFor(used.Order()));
    }

    /// <summary>
    /// The bucket of <paramref name="always"/> merged with <paramref name="pinned"/> (both in definition order,
    /// disjoint); <paramref name="alwaysSlots"/> are the slots of <paramref name="always"/> and the key.
    /// </summary>
    internal static RuleBucket Merge(CompiledRule[] always, IReadOnlySet<int> alwaysSlots, List<CompiledRule> pinned,
        SlotTable slots)
    {
        var merged = new CompiledRule[always.Length + pinned.Count];
        int a = 0, p = 0, m = 0;
        while (a < always.Length || p < pinned.Count)
        {
            merged[m++] = p == pinned.Count || (a < always.Length && always[a].Order < pinned[p].Order)
                ? always[a++]
                : pinned[p++];
        }
        var used = new HashSet<int>(alwaysSlots);
        foreach (var rule in pinned)
        {
            used.UnionWith(rule.Filter.UsedSlots);
        }
        return new RuleBucket(merged, slots.PlanFor(used.Order()));
    }
}
