using System.Diagnostics;
using Falco.Actors.Bench.Rules;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Bench;

/// <summary>
/// <c>rules</c>: load+compile time of a generated 1,000-rule file, and time and allocation per event of rule
/// matching (first match, Falco's default) for one rule, the 22 CloudTrail rules without and with the index, and the
/// 1,000 generated rules with the index. Stopwatch + GC.GetAllocatedBytesForCurrentThread, after warm-up; the
/// median of several runs is printed.
/// </summary>
internal static class RulesBenchmark
{
    private const int Runs = 7;
    private const int EventsPerRun = 2_000_000;
    private const int DistinctEvents = 8192;

    public static int Run(bool loadOnly = false)
    {
        Console.WriteLine("Falco.Actors rules benchmark");
        Console.WriteLine("NOTE: ct.*/json.value values come from PreExtractedCloudTrailFields, a bench stand-in that serves");
        Console.WriteLine("      values extracted before the run (no JSON parsing): the figures measure the rules engine only.");
        Console.WriteLine();

        MeasureLoad(1000);
        Console.WriteLine();
        if (loadOnly)
        {
            return 0;
        }

        var fields = new PreExtractedCloudTrailFields();
        var loaded = Load(fields, CloudTrailRulesFile.Yaml);
        var compiler = loaded.Compilers[PreExtractedCloudTrailFields.Source];
        var rules = loaded.Rules.Select((r, i) => CompiledRule.FromLoaded(compiler, r, i)).ToArray();
        var events = CloudTrailEventMix.Generate(fields, DistinctEvents);
        Console.WriteLine($"events: {DistinctEvents} distinct CloudTrail-like events (weighted mix), {EventsPerRun:N0} per run, {Runs} runs");
        Console.WriteLine("(wall = elapsed time; cpu = process CPU time, less sensitive to other load on the machine)");
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
        }
        Console.WriteLine($"{"case",-40} {"wall ns/ev",10} {"cpu ns/ev",10} {"bytes/event",12} {"alerts/1k",10}");

        var oneRule = rules.Where(r => r.Name == "Console Login Without MFA").ToArray();
        Measure("(a) 1 rule (Console Login Without MFA)", compiler, fields, events,
            new RuleSet(compiler, oneRule, new RuleSetOptions { UseIndex = false }));
        Measure("(a') the same rule, index", compiler, fields, events, new RuleSet(compiler, oneRule));
        Measure("(b) 22 CloudTrail rules, no index", compiler, fields, events,
            new RuleSet(compiler, rules, new RuleSetOptions { UseIndex = false }));
        var indexed = new RuleSet(compiler, rules);
        Measure("(c) 22 CloudTrail rules, index", compiler, fields, events, indexed);
        Verify(compiler, fields, events, rules);
        Console.WriteLine($"    index key {indexed.Index!.KeyField}: {indexed.Index.BucketCount} buckets, " +
            $"{indexed.Index.Unpinned.Rules.Count} rules always run, {indexed.ActiveRules.Count} active rules");

        var bigFields = new PreExtractedCloudTrailFields();
        var big = Load(bigFields, GeneratedRulesFile.Create(1000));
        var bigCompiler = big.Compilers[PreExtractedCloudTrailFields.Source];
        var bigRules = big.Rules.Select((r, i) => CompiledRule.FromLoaded(bigCompiler, r, i)).ToArray();
        var bigEvents = CloudTrailEventMix.Generate(bigFields, DistinctEvents,
            [.. Enumerable.Range(0, 1000).Select(GeneratedRulesFile.OperationName)]);
        Measure("(d) 1,000 generated rules, no index", bigCompiler, bigFields, bigEvents,
            new RuleSet(bigCompiler, bigRules, new RuleSetOptions { UseIndex = false }), runs: 3, perRun: 50_000);
        var bigIndexed = new RuleSet(bigCompiler, bigRules);
        Measure("(e) 1,000 generated rules, index", bigCompiler, bigFields, bigEvents, bigIndexed);
        Verify(bigCompiler, bigFields, bigEvents, bigRules);
        Console.WriteLine($"    index key {bigIndexed.Index!.KeyField}: {bigIndexed.Index.BucketCount} buckets, " +
            $"{bigIndexed.Index.Unpinned.Rules.Count} rules always run, {bigIndexed.ActiveRules.Count} active rules");
        return 0;
    }

    private static RulesLoadResult Load(PreExtractedCloudTrailFields fields, string yaml)
    {
        var result = new RulesLoader(new RulesLoaderOptions { Sources = new RuleSourceSet().Add(fields.Registry) })
            .LoadContent("rules.yaml", yaml);
        if (!result.Successful)
        {
            throw new InvalidOperationException(string.Join("\n", result.Errors));
        }
        return result;
    }

    private static void MeasureLoad(int ruleCount)
    {
        var yaml = GeneratedRulesFile.Create(ruleCount);
        var loadTimes = new List<double>();
        var outputTimes = new List<double>();
        var buildTimes = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var fields = new PreExtractedCloudTrailFields();
            var sw = Stopwatch.StartNew();
            var result = Load(fields, yaml);
            var loaded = sw.Elapsed.TotalMilliseconds;
            var compiler = result.Compilers[PreExtractedCloudTrailFields.Source];
            var rules = result.Rules.Select((r, i) => CompiledRule.FromLoaded(compiler, r, i)).ToArray();
            var outputs = sw.Elapsed.TotalMilliseconds - loaded;
            _ = new RuleSet(compiler, rules);
            var built = sw.Elapsed.TotalMilliseconds - loaded - outputs;
            if (run > 0) // the first run warms up the JIT
            {
                loadTimes.Add(loaded);
                outputTimes.Add(outputs);
                buildTimes.Add(built);
            }
        }
        Console.WriteLine($"parse+compile of a generated {ruleCount:N0}-rule file ({yaml.Length / 1024:N0} KiB, 11 lists, 21 macros), median of 5 after warm-up:");
        Console.WriteLine($"  load (YAML, lists, macros, parse, compile conditions): {Median(loadTimes),8:F1} ms");
        Console.WriteLine($"  outputs (templates compiled per rule):                {Median(outputTimes),8:F1} ms");
        Console.WriteLine($"  rule set + index:                                     {Median(buildTimes),8:F1} ms");
        Console.WriteLine($"  total:                                                {Median(loadTimes) + Median(outputTimes) + Median(buildTimes),8:F1} ms");
    }

    private static void Measure(string name, FilterCompiler compiler, PreExtractedCloudTrailFields fields,
        PluginEvent[] events, RuleSet set, int runs = Runs, int perRun = EventsPerRun)
    {
        var ctx = compiler.CreateContext(fields.Extractors());
        var matches = new List<CompiledRule>(16);
        var mask = events.Length - 1;
        long alerts = 0;
        for (var i = 0; i < Math.Min(perRun, 200_000); i++)
        {
            set.Match(ctx, events[i & mask], matches);
        }
        var times = new List<double>();
        var cpuTimes = new List<double>();
        var bytes = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            alerts = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < perRun; i++)
            {
                set.Match(ctx, events[i & mask], matches);
                alerts += matches.Count;
            }
            sw.Stop();
            times.Add(sw.Elapsed.TotalNanoseconds / perRun);
            cpuTimes.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalNanoseconds / perRun);
            bytes.Add((double)(GC.GetAllocatedBytesForCurrentThread() - before) / perRun);
        }
        Console.WriteLine($"{name,-40} {Median(times),10:F1} {Median(cpuTimes),10:F1} {Median(bytes),12:F2} {alerts * 1000.0 / perRun,10:F1}");
    }

    // The index must not change results: compare every distinct event, first and all matching.
    private static void Verify(FilterCompiler compiler, PreExtractedCloudTrailFields fields, PluginEvent[] events,
        CompiledRule[] rules)
    {
        foreach (var matching in new[] { RuleMatching.First, RuleMatching.All })
        {
            var options = new RuleSetOptions { Matching = matching };
            var indexed = new RuleSet(compiler, rules, options);
            var plain = new RuleSet(compiler, rules, options with { UseIndex = false });
            var ctx = compiler.CreateContext(fields.Extractors());
            List<CompiledRule> a = [], b = [];
            var alerts = 0;
            foreach (var evt in events)
            {
                indexed.Match(ctx, evt, a);
                plain.Match(ctx, evt, b);
                if (!a.SequenceEqual(b))
                {
                    throw new InvalidOperationException($"index changed the result of event {evt.Num} ({matching})");
                }
                alerts += a.Count;
            }
            Console.WriteLine($"    verified: index and no index give the same {alerts} matches over {events.Length} events (rule_matching: {matching.ToString().ToLowerInvariant()})");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
