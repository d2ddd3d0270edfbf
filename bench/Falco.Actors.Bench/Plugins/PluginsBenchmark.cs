using System.Diagnostics;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.CloudTrail;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Json;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Bench.Plugins;

/// <summary>
/// <c>plugins</c>: the cloudtrail and json plugins alone, loaded through <see cref="PluginSet"/> as falco.yaml names
/// them. (1) Reading: a cloudtrail session over a directory of <c>.json.gz</c> and of plain <c>.json</c> log files
/// (list, open, decompress, split into records, check eventTime, copy into batches): records/s, MB/s of JSON and
/// of stored files, bytes allocated per record. (2) Extraction through <see cref="IFieldExtractor"/> with the real
/// cloudtrail+json extractors of one owner, for the fields of rules/aws_cloudtrail_rules.yaml: ns and bytes per
/// event for the index key alone, the engine's indexed path (key, then the event's bucket plan), every condition
/// field of the whole rule set, and, for comparison, rule matching itself. Stopwatch + CPU time +
/// GC.GetAllocatedBytesForCurrentThread after a warm-up run; medians of runs.
/// </summary>
internal static class PluginsBenchmark
{
    private const string Source = "aws_cloudtrail";
    private const int ReadRuns = 3;
    private const int ExtractRuns = 3;
    private const int ExtractEvents = 20_000;
    private const int ExtractPerRun = 100_000;

    public static int Run(string? corpusDirectory, long records)
    {
        Console.WriteLine("Falco.Actors plugins benchmark (managed cloudtrail + json plugins alone; (e) and (f) add rule evaluation for comparison)");
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
        }
        var clock = Stopwatch.StartNew();
        using var corpus = corpusDirectory is null ? BenchCorpus.Generate(records, 7) : BenchCorpus.Given(corpusDirectory);
        Console.WriteLine($"corpus: {corpus.Origin} ({clock.Elapsed.TotalSeconds:F1} s)");
        var plugins = PluginSet.Load(
        [
            new PluginConfigEntry(CloudTrailPluginIdentity.Name, typeof(CloudTrailPlugin).Assembly.Location),
            new PluginConfigEntry(JsonPluginIdentity.Name, typeof(JsonPlugin).Assembly.Location),
        ], loadPlugins: null);
        Console.WriteLine($"plugins: {string.Join(", ", plugins.Versions.Select(v => $"{v.Name} {v.Version}"))}");
        Console.WriteLine();

        Console.WriteLine($"reading (cloudtrail session, local directory, {ReadRuns} runs, median)");
        Console.WriteLine("  (wall = elapsed; cpu = per second of process CPU time, less sensitive to other load on the machine)");
        Console.WriteLine($"  {"files",-12} {"records",10} {"records/s",12} {"rec/cpu-s",12} {"JSON MB/s",10} {"stored MB/s",12} {"bytes/record",13}");
        MeasureReading("json.gz", corpus.GzipDirectory, plugins);
        if (corpus.PlainDirectory is not null)
        {
            MeasureReading("json", corpus.PlainDirectory, plugins);
        }
        Console.WriteLine();

        MeasureExtraction(corpus.GzipDirectory, plugins);
        return 0;
    }

    private static void MeasureReading(string kind, string directory, PluginSet plugins)
    {
        var stored = BenchCorpus.StoredBytes(directory);
        var rates = new List<double>();
        var jsonRates = new List<double>();
        var storedRates = new List<double>();
        var allocations = new List<double>();
        var cpuRates = new List<double>();
        long count = 0;
        for (var run = 0; run < ReadRuns + 1; run++)
        {
            using var instance = plugins.Find(CloudTrailPluginIdentity.Name)!.CreateInstance();
            var batch = new EventBatch();
            long events = 0, jsonBytes = 0;
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var started = Stopwatch.GetTimestamp();
            using (var session = instance.Open(directory))
            {
                BatchStatus status;
                do
                {
                    batch.Clear();
                    status = session.NextBatch(batch);
                    events += batch.Count;
                    jsonBytes += batch.PayloadBytes;
                }
                while (status != BatchStatus.Eof);
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            if (run == 0)
            {
                continue; // warm-up
            }
            count = events;
            rates.Add(events / seconds);
            cpuRates.Add(events / cpuSeconds);
            jsonRates.Add(jsonBytes / seconds / 1e6);
            storedRates.Add(stored / seconds / 1e6);
            allocations.Add((double)allocated / events);
        }
        Console.WriteLine($"  {kind,-12} {count,10:N0} {Median(rates),12:N0} {Median(cpuRates),12:N0} {Median(jsonRates),10:F1} {Median(storedRates),12:F1} {Median(allocations),13:F1}");
    }

    private static void MeasureExtraction(string directory, PluginSet plugins)
    {
        var fields = plugins.FieldsOf(Source);
        var loaded = new RulesLoader(new RulesLoaderOptions { Sources = new RuleSourceSet().Add(fields.Registry) })
            .LoadPaths([RulesFile()]);
        if (!loaded.Successful)
        {
            throw new InvalidOperationException(string.Join("\n", loaded.Messages));
        }
        var compiler = loaded.Compilers[Source];
        var rules = loaded.Rules.Select((r, i) => CompiledRule.FromLoaded(compiler, r, i)).ToArray();
        var first = new RuleSet(compiler, rules);
        var all = new RuleSet(compiler, rules, new RuleSetOptions { Matching = RuleMatching.All });
        var index = first.Index!;
        var matches = new List<CompiledRule>();
        var events = LoadEvents(directory, plugins, ExtractEvents);
        using var owner = fields.CreateExtractors("bench-host");
        var ctx = compiler.CreateContext(owner.Extractors);
        var values = new FieldValues(Math.Max(16, compiler.Slots.Count));
        var wholeRuleSet = index.All.Plan;

        Console.WriteLine($"extraction ({events.Length:N0} distinct events, {ExtractPerRun:N0} per run, {ExtractRuns} runs, median; "
            + $"one owner's cloudtrail+json extractors; {index.All.Rules.Count} active rules)");
        Console.WriteLine($"  whole rule set: {Requests(wholeRuleSet)} condition fields, {Requests(compiler.Slots.All)} with outputs "
            + $"({string.Join(", ", Enumerable.Range(0, wholeRuleSet.ProviderCount).Select(p => $"{fields.Registry.Providers[p].Name} {wholeRuleSet.RequestsFor(p).Length}"))}); "
            + $"index key {index.KeyField}, {index.BucketCount} buckets");
        Console.WriteLine($"  {"case",-58} {"wall ns/ev",10} {"cpu ns/ev",10} {"bytes/event",12}");

        var keyPlan = compiler.Slots.PlanFor([index.KeySlot]);
        Measure("(a) index key only (ct.name: one parse per event)", events, (in PluginEvent evt) =>
        {
            values.Reset();
            Extract(owner.Extractors, keyPlan, evt, values);
        });
        Measure("(b) engine path: key, then the event's bucket plan", events, (in PluginEvent evt) =>
        {
            ctx.Reset(evt);
            var bucket = index.Lookup(ctx);
            for (var p = 0; p < bucket.Plan.ProviderCount; p++)
            {
                foreach (var request in bucket.Plan.RequestsFor(p))
                {
                    ctx.Ensure(request.Slot);
                }
            }
        });
        Measure("(c) every condition field of the rule set, one call each", events, (in PluginEvent evt) =>
        {
            values.Reset();
            Extract(owner.Extractors, wholeRuleSet, evt, values);
        });
        // Outputs are rendered only for alerts; evt.* (provider 0: evt.plugininfo, evt.time...) is not a plugin field.
        Measure("(d) every cloudtrail/json field of conditions and outputs", events, (in PluginEvent evt) =>
        {
            values.Reset();
            Extract(owner.Extractors, compiler.Slots.All, evt, values, firstProvider: 1);
        });
        // For comparison: extraction plus evaluation, as an evaluator runs the rule set (no alert formatting).
        Measure("(e) rule matching, first (extraction + evaluation)", events, (in PluginEvent evt) => first.Match(ctx, evt, matches));
        Measure("(f) rule matching, all", events, (in PluginEvent evt) => all.Match(ctx, evt, matches));
    }

    private static void Extract(IReadOnlyList<IFieldExtractor> extractors, ExtractionPlan plan, in PluginEvent evt,
        FieldValues values, int firstProvider = 0)
    {
        for (var p = firstProvider; p < plan.ProviderCount; p++)
        {
            var requests = plan.RequestsFor(p);
            if (!requests.IsEmpty)
            {
                extractors[p].Extract(evt, requests, values);
            }
        }
    }

    private delegate void PerEvent(in PluginEvent evt);

    private static void Measure(string name, PluginEvent[] events, PerEvent perEvent)
    {
        var times = new List<double>();
        var cpuTimes = new List<double>();
        var bytes = new List<double>();
        for (var run = 0; run < ExtractRuns + 1; run++)
        {
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < ExtractPerRun; i++)
            {
                perEvent(in events[i % events.Length]);
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            if (run == 0)
            {
                continue; // warm-up
            }
            times.Add(elapsed.TotalNanoseconds / ExtractPerRun);
            cpuTimes.Add(cpu.TotalNanoseconds / ExtractPerRun);
            bytes.Add((double)allocated / ExtractPerRun);
        }
        Console.WriteLine($"  {name,-58} {Median(times),10:F0} {Median(cpuTimes),10:F0} {Median(bytes),12:F2}");
    }

    /// <summary>The first <paramref name="count"/> events of the corpus, each with its own payload copy.</summary>
    private static PluginEvent[] LoadEvents(string directory, PluginSet plugins, int count)
    {
        var events = new List<PluginEvent>(count);
        using var instance = plugins.Find(CloudTrailPluginIdentity.Name)!.CreateInstance();
        using var session = instance.Open(directory);
        var batch = new EventBatch();
        BatchStatus status;
        do
        {
            batch.Clear();
            status = session.NextBatch(batch);
            for (var i = 0; i < batch.Count && events.Count < count; i++)
            {
                var evt = batch[i];
                events.Add(new PluginEvent(evt.Num, evt.TimestampNs, evt.PluginId, evt.Payload.ToArray()));
            }
        }
        while (status != BatchStatus.Eof && events.Count < count);
        return [.. events];
    }

    private static int Requests(ExtractionPlan plan) =>
        Enumerable.Range(0, plan.ProviderCount).Sum(p => plan.RequestsFor(p).Length);

    private static string RulesFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "rules", "aws_cloudtrail_rules.yaml");
            if (File.Exists(file))
            {
                return file;
            }
        }
        throw new FileNotFoundException("rules/aws_cloudtrail_rules.yaml not found above " + AppContext.BaseDirectory);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
