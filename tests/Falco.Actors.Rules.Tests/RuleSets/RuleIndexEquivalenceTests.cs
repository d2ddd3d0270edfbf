using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Filter.Parsing;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Rules.Tests.RuleSets;

/// <summary>
/// Property test: over random rule sets (pinned, unpinned, contradictory and mixed shapes) and random events, the
/// indexed rule set matches exactly what evaluating every active rule in definition order gives.
/// </summary>
public class RuleIndexEquivalenceTests
{
    private static readonly string[] Names = ["CreateUser", "ConsoleLogin", "RunTask", "StartTask", "PutBucketAcl", "StopLogging"];
    private static readonly string[] Sources = ["iam.amazonaws.com", "ecs.amazonaws.com", "s3.amazonaws.com"];

    private static string Pick(Random r, string[] pool) => pool[r.Next(pool.Length)];

    private static string RandomCondition(Random r)
    {
        var n1 = Pick(r, Names);
        var n2 = Pick(r, Names);
        var n3 = Pick(r, Names);
        var src = Pick(r, Sources);
        return r.Next(16) switch
        {
            0 => $"ct.name = {n1}",
            1 => $"ct.name in ({n1}, {n2})",
            2 => $"ct.name = \"{n1}\" and not ct.error exists",
            3 => $"(ct.name = {n1} or ct.name = {n2}) and ct.src = {src}",
            4 => $"ct.src = {src}",
            5 => $"not ct.name = {n1}",
            6 => $"ct.name = {n1} or ct.src = {src}",
            7 => "ct.user.identitytype != Root",
            8 => $"json.value[/x] = \"1\" and ct.name in ({n1}, {n2}, {n3})",
            9 => "ct.name startswith Cre",
            10 => $"ct.name = {n1} and ct.name = {n2}",
            11 => $"ct.src = {src} and (ct.name = {n1} or (ct.name in ({n2}, {n3}) and ct.error exists))",
            12 => "evt.num > 0",
            13 => $"ct.name == {n1} and json.value[/x] != \"1\"",
            14 => $"(ct.name = {n1} and ct.src = {src}) or ct.name in ({n2})",
            _ => "ct.error exists",
        };
    }

    private static Dictionary<string, string> RandomEvent(Random r)
    {
        var fields = new Dictionary<string, string>();
        if (r.Next(8) != 0)
        {
            fields["ct.name"] = r.Next(5) == 0 ? "GetObject" : Pick(r, Names);
        }
        if (r.Next(3) != 0)
        {
            fields["ct.src"] = Pick(r, Sources);
        }
        if (r.Next(3) == 0)
        {
            fields["ct.error"] = "AccessDenied";
        }
        if (r.Next(2) == 0)
        {
            fields["ct.user.identitytype"] = r.Next(2) == 0 ? "Root" : "IAMUser";
        }
        if (r.Next(2) == 0)
        {
            fields["json.value[/x]"] = r.Next(2) == 0 ? "1" : "2";
        }
        return fields;
    }

    [Theory]
    [InlineData(RuleMatching.First)]
    [InlineData(RuleMatching.All)]
    public void The_index_gives_the_results_of_running_every_rule(RuleMatching matching)
    {
        var random = new Random(20211015);
        var indexedRulesSkipped = 0;
        for (var trial = 0; trial < 25; trial++)
        {
            var ct = new CloudTrailTestFields();
            var rules = Enumerable.Range(0, 1 + random.Next(40)).Select(i => CompiledRule.Compile(ct.Compiler, i,
                $"rule {i}", FilterParser.Parse(RandomCondition(random), 1000), "%ct.name", (Priority)random.Next(8),
                [], enabled: random.Next(6) != 0)).ToArray();
            var options = new RuleSetOptions { Matching = matching, MinimumPriority = (Priority)(3 + random.Next(5)) };
            var indexed = new RuleSet(ct.Compiler, rules, options);
            var plain = new RuleSet(ct.Compiler, rules, options with { UseIndex = false });
            var ctx = ct.CreateContext();
            var got = new List<CompiledRule>();

            for (ulong n = 1; n <= 300; n++)
            {
                var evt = ct.AddEvent(n, RandomEvent(random));
                var expected = EvaluateEveryRule(rules, options, ctx, evt);

                indexed.Match(ctx, evt, got);
                Assert.Equal(expected, got.Select(m => m.Name));
                plain.Match(ctx, evt, got);
                Assert.Equal(expected, got.Select(m => m.Name));

                indexedRulesSkipped += indexed.ActiveRules.Count - Bucket(indexed, ct, evt);
            }
        }
        // The property is only meaningful if the index does skip rules.
        Assert.True(indexedRulesSkipped > 10_000, $"the index skipped only {indexedRulesSkipped} rule runs");
    }

    private static List<string> EvaluateEveryRule(CompiledRule[] rules, RuleSetOptions options,
        Falco.Actors.Rules.Filter.Evaluation.EvalContext ctx, PluginEvent evt)
    {
        ctx.Reset(evt);
        var result = new List<string>();
        foreach (var rule in rules.OrderBy(r => r.Order))
        {
            if (rule.Enabled && rule.Priority.IsAtLeast(options.MinimumPriority) && rule.Filter.Evaluate(ctx))
            {
                result.Add(rule.Name);
                if (options.Matching == RuleMatching.First)
                {
                    break;
                }
            }
        }
        return result;
    }

    private static int Bucket(RuleSet set, CloudTrailTestFields ct, PluginEvent evt)
    {
        var ctx = ct.CreateContext();
        ctx.Reset(evt);
        return set.Index!.Lookup(ctx).Rules.Count;
    }
}
