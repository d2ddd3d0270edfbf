using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Evaluation;

namespace Falco.Actors.Rules.RuleSets;

/// <summary>
/// Buckets the rules of a source by the value their conditions pin one string field to (see
/// <see cref="IndexKeyAnalysis"/>; the field most rules pin is chosen). An event's bucket holds the rules pinned to
/// its value merged, in definition order, with the rules that pin nothing (which always run); a rule that is not in
/// the bucket cannot match the event, so the results are those of running every rule.
/// </summary>
public sealed class RuleIndex
{
    private readonly Dictionary<byte[], RuleBucket> _buckets;
    private readonly Dictionary<byte[], RuleBucket>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly ExtractionPlan _keyPlan;

    private RuleIndex(string? keyField, int keySlot, Dictionary<byte[], RuleBucket> buckets, RuleBucket unpinned,
        RuleBucket all, ExtractionPlan keyPlan)
    {
        KeyField = keyField;
        KeySlot = keySlot;
        _buckets = buckets;
        _lookup = buckets.GetAlternateLookup<ReadOnlySpan<byte>>();
        Unpinned = unpinned;
        All = all;
        _keyPlan = keyPlan;
    }

    /// <summary>The indexed field (canonical text), or null when no rule pins a field.</summary>
    public string? KeyField { get; }

    /// <summary>The slot of <see cref="KeyField"/> (-1 without one).</summary>
    public int KeySlot { get; }

    /// <summary>Number of distinct indexed values.</summary>
    public int BucketCount => _buckets.Count;

    /// <summary>The rules that run for an event whose key value no rule is pinned to (or that has none).</summary>
    public RuleBucket Unpinned { get; }

    /// <summary>Every rule: for the (unexpected) case of a key field with several values.</summary>
    public RuleBucket All { get; }

    /// <summary>Builds the index of <paramref name="rules"/> (the enabled rules of one source).</summary>
    public static RuleIndex Build(FilterCompiler compiler, IReadOnlyList<CompiledRule> rules)
    {
        rules = [.. rules.OrderBy(r => r.Order)];
        var pins = rules.Select(r => IndexKeyAnalysis.Analyze(r.Condition, compiler.Registry)).ToArray();
        var all = RuleBucket.Of(rules, compiler.Slots);
        var key = ChooseKey(pins);
        if (key is null)
        {
            return new RuleIndex(null, -1, new Dictionary<byte[], RuleBucket>(ByteSequenceComparer.Instance),
                all, all, all.Plan);
        }

        var field = pins.First(p => p.ContainsKey(key))[key].Field;
        var keySlot = compiler.CompileValue(field).Slot;
        var unpinnedRules = rules.Where((_, i) => !pins[i].ContainsKey(key)).ToArray();
        var byValue = new Dictionary<string, List<CompiledRule>>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            if (!pins[i].TryGetValue(key, out var pin))
            {
                continue;
            }
            foreach (var value in pin.Values)
            {
                if (!byValue.TryGetValue(value, out var list))
                {
                    byValue[value] = list = [];
                }
                list.Add(rules[i]);
            }
        }
        var unpinned = RuleBucket.Of(unpinnedRules, compiler.Slots, keySlot);
        var unpinnedSlots = new HashSet<int>(unpinnedRules.SelectMany(r => r.Filter.UsedSlots)) { keySlot };
        var buckets = new Dictionary<byte[], RuleBucket>(ByteSequenceComparer.Instance);
        foreach (var (value, pinned) in byValue)
        {
            buckets[System.Text.Encoding.UTF8.GetBytes(value)] =
                RuleBucket.Merge(unpinned.Array, unpinnedSlots, pinned, compiler.Slots);
        }
        return new RuleIndex(key, keySlot, buckets, unpinned, all, unpinned.Plan);
    }

    /// <summary>
    /// Extracts the key field of the event in <paramref name="ctx"/> (with the unpinned rules' slots), finds its
    /// bucket and switches the context to the bucket's plan. Allocates nothing.
    /// </summary>
    public RuleBucket Lookup(EvalContext ctx)
    {
        if (KeyField is null)
        {
            ctx.UsePlan(All.Plan);
            return All;
        }
        ctx.UsePlan(_keyPlan);
        RuleBucket bucket;
        if (!ctx.Ensure(KeySlot))
        {
            bucket = Unpinned;
        }
        else if (ctx.Values.Count(KeySlot) != 1)
        {
            bucket = All;
        }
        else if (!_lookup.TryGetValue(ctx.Values.GetBytes(KeySlot), out bucket!))
        {
            bucket = Unpinned;
        }
        ctx.UsePlan(bucket.Plan);
        return bucket;
    }

    // The field most rules pin; on a tie, the one pinned by the earliest rule.
    private static string? ChooseKey(IReadOnlyDictionary<string, IndexKey>[] pins)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstSeen = new List<string>();
        foreach (var p in pins)
        {
            foreach (var k in p.Keys.Order(StringComparer.Ordinal))
            {
                if (!counts.TryAdd(k, 1))
                {
                    counts[k]++;
                }
                else
                {
                    firstSeen.Add(k);
                }
            }
        }
        string? best = null;
        foreach (var k in firstSeen)
        {
            if (best is null || counts[k] > counts[best])
            {
                best = k;
            }
        }
        return best;
    }
}
