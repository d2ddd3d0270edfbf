using System.Diagnostics;
using System.Globalization;
using Falco.Actors.Bench.Pipeline;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Bench;

/// <summary>
/// <c>pipeline</c>: the whole engine, single node, as the CLI runs it: the managed cloudtrail source over a local
/// corpus in the S3 key layout (generated or reused), the json extractor, the repository's whole CloudTrail rule set,
/// alerts to a file (stdout and webserver off). Prints events/s, alerts, CPU time (user+sys), wall time, peak RSS
/// (VmHWM), the RSS trend, and the CPU time of each thread group (which stage the time went to).
/// <c>--native</c> runs the C test plugin libcounter.so (synthetic events, rules over its fields) instead, and
/// <c>--isolated</c> runs its session in a plugin-host process (<c>engine_actors.plugins.counter.isolation: process</c>);
/// the CPU time then includes the host processes' (their own line says how much).
/// </summary>
internal static class PipelineBench
{
    public const string Usage =
        "pipeline [--corpus DIR] [--records N] [--json] [--native [--isolated]] [--batch-size N] [--batch-time-ms N] [--in-flight N] [--partitions N] [--alerts FILE]";

    public static int Run(string[] args)
    {
        PipelineBenchOptions options;
        try
        {
            options = PipelineBenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"pipeline: {e.Message}");
            return 2;
        }
        var root = BenchMachine.RepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "falco-actors-bench", $"run-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        var alertsFile = options.AlertsFile ?? Path.Combine(work, "alerts.txt");
        File.Delete(alertsFile);
        string plugins, rulesFile, what;
        if (options.Native)
        {
            var library = Path.Combine(root, "tests", "native-plugins", "build", "libcounter.so");
            if (!File.Exists(library))
            {
                Console.Error.WriteLine($"{library} is missing: run `make -C tests/native-plugins` first");
                return 1;
            }
            plugins = $$"""
                  - name: counter
                    library_path: {{library}}
                    init_config: '{"count": {{options.Records}}, "batch": 512}'
                """;
            rulesFile = Path.Combine(work, "counter_rules.yaml");
            File.WriteAllText(rulesFile, CounterRules);
            what = $"native C source plugin libcounter.so{(options.Isolated ? " (session in a plugin-host process)" : "")}, {options.Records:N0} synthetic events, 5 rules over counter.*/evt.* fields";
        }
        else
        {
            var corpus = BenchCorpus.Ensure(options.Corpus ?? BenchCorpus.DefaultFolder(options.Records, !options.PlainJson),
                options.Records, !options.PlainJson, root);
            var manifest = BenchCorpus.Manifest(corpus);
            plugins = $"""
                  - name: cloudtrail
                    library_path: {Path.Combine(AppContext.BaseDirectory, "Falco.Actors.Plugins.CloudTrail.dll")}
                    open_params: {corpus}
                  - name: json
                    library_path: {Path.Combine(AppContext.BaseDirectory, "Falco.Actors.Plugins.Json.dll")}
                """;
            rulesFile = Path.Combine(root, "rules", "aws_cloudtrail_rules.yaml");
            what = $"managed cloudtrail + json plugins, corpus {corpus}: {manifest.GetValueOrDefault("records")} records in " +
                   $"{manifest.GetValueOrDefault("log_files")} {(options.PlainJson ? ".json" : ".json.gz")} files, " +
                   $"{long.Parse(manifest.GetValueOrDefault("stored_bytes", "0"), CultureInfo.InvariantCulture) / 1e6:F0} MB stored, " +
                   $"{long.Parse(manifest.GetValueOrDefault("json_bytes", "0"), CultureInfo.InvariantCulture) / 1e6:F0} MB of JSON; rules {rulesFile}";
        }
        var yaml = $"""
            plugins:
            {plugins}
            rules_files:
              - {rulesFile}
            stdout_output:
              enabled: false
            syslog_output:
              enabled: false
            file_output:
              enabled: true
              keep_alive: true
              filename: {alertsFile}
            webserver:
              enabled: false
            {options.EngineActorsYaml()}
            """;
        var config = FalcoConfigurationLoader.LoadText(yaml, Path.Combine(work, "falco.yaml"), work);
        var pluginSet = PluginSet.Load(EngineSetup.PluginEntries(config), config.LoadPlugins);
        var rules = EngineSetup.LoadRules(config, pluginSet);
        if (!rules.Successful)
        {
            Console.Error.WriteLine(string.Join("\n", rules.Errors));
            return 1;
        }
        var setup = new EngineSetup(config, pluginSet, rules) { Hostname = "bench" };
        var actors = config.EngineActors;

        Console.WriteLine("Falco.Actors pipeline benchmark (whole engine, single node)");
        Console.WriteLine($"input: {what}");
        Console.WriteLine($"rules: {rules.Rules.Count(r => r.Enabled)} enabled; alerts to {alertsFile} (file_output, keep_alive; stdout and webserver off)");
        Console.WriteLine($"engine_actors: batch_size {actors.BatchSize}, batch_time_ms {actors.BatchTimeMs}, batches_in_flight {actors.BatchesInFlight}, partitions {actors.Partitions}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {BenchMachine.LoadAverage()}; GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");

        using var sampler = new ProcessSampler();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var userBefore = process.UserProcessorTime;
        var sysBefore = process.PrivilegedProcessorTime;
        var hostsBefore = ProcessSampler.ChildrenCpuSeconds();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var result = FalcoEngine.RunAsync(setup).GetAwaiter().GetResult();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var user = (process.UserProcessorTime - userBefore).TotalSeconds;
        var sys = (process.PrivilegedProcessorTime - sysBefore).TotalSeconds;
        var hosts = ProcessSampler.ChildrenCpuSeconds() - hostsBefore; // plugin-host processes, once they have ended
        var peakKb = ProcessSampler.PeakRssKb();

        var stats = result.Statistics;
        var events = stats.TotalEventsIn;
        var cpu = user + sys + hosts;
        Console.WriteLine();
        Console.WriteLine($"exit code {result.ExitCode}; events {events:N0}; alerts {stats.TotalAlerts:N0} ({new FileInfo(alertsFile).Length / 1e6:F1} MB written); evaluation errors {stats.EvaluationErrors}; dropped {stats.TotalDropped}; batches {stats.Batches:N0} (mean {(stats.Batches == 0 ? 0 : events / stats.Batches):N0} events)");
        Console.WriteLine($"wall   {wall,8:F2} s   {events / wall,12:N0} events/s   (elapsed, includes node start-up; sensitive to other load)");
        Console.WriteLine($"cpu    {cpu,8:F2} s   {events / cpu * Environment.ProcessorCount,12:N0} events/s if both cores were ours   (user {user:F2} s + sys {sys:F2} s{(hosts > 0 ? $" + plugin hosts {hosts:F2} s" : "")}; {cpu / wall:F2} cores busy)");
        Console.WriteLine($"cost   {cpu / events * 1e9,8:N0} ns CPU per event");
        if (hosts > 0)
        {
            Console.WriteLine($"       of which plugin-host processes {hosts:F2} s ({hosts / events * 1e9:N0} ns/event)");
        }
        Console.WriteLine($"peak RSS (VmHWM) {peakKb / 1024.0:F0} MB");
        // Garbage or retained? The managed heap after a full collection is what the run keeps.
        var gcCounts = $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}";
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Console.WriteLine($"managed allocations {(GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)events:F0} bytes/event during the run; GC heap committed at the end {committed / 1e6:F0} MB");
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        Console.WriteLine($"GC collections gen0/1/2 {gcCounts}; managed heap after a full collection {GC.GetTotalMemory(forceFullCollection: false) / 1e6:F0} MB; RSS now {ProcessSampler.RssKb() / 1024} MB");
        Console.WriteLine("RSS trend (MB): " + RssTrend(sampler.Rss));
        Console.WriteLine("CPU by thread (s, share of the process's CPU):");
        foreach (var (name, threads, seconds) in sampler.CpuByThreadName().Where(t => t.CpuSeconds >= 0.05))
        {
            Console.WriteLine($"  {name,-24} x{threads,-3} {seconds,8:F2} s  {seconds / cpu,6:P0}  {seconds / events * 1e9,7:N0} ns/event");
            if (threads > 1 && name.StartsWith("falco-plugin", StringComparison.Ordinal))
            {
                // Pinned threads: the source session (created first) and each evaluator entity have one each.
                foreach (var ((tid, own), i) in sampler.CpuOfThreads(name).Select((t, i) => (t, i)))
                {
                    Console.WriteLine($"      {(i == 0 ? "source" : "eval"),-7} {tid,-8} {own,8:F2} s  {own / cpu,6:P0}  {own / events * 1e9,7:N0} ns/event");
                }
                // A source session is one thread (plus the cloudtrail plugin's read-ahead worker): the busier of the
                // two bounds the run, however many cores there are.
                var source = sampler.CpuOfThreads(name)[0].CpuSeconds;
                var readAhead = sampler.CpuOfThreads("cloudtrail-read").Sum(t => t.CpuSeconds);
                var busiest = Math.Max(source, readAhead);
                Console.WriteLine($"      ceiling: the busiest source-side thread ({(readAhead > source ? "read-ahead" : "source")}) allows {events / busiest:N0} events/s; both cores {events / cpu * Environment.ProcessorCount:N0}");
            }
        }
        foreach (var (rule, count) in stats.Alerts.GroupBy(kv => kv.Key.Rule).Select(g => (g.Key, g.Sum(kv => kv.Value))).OrderByDescending(r => r.Item2).Take(8))
        {
            Console.WriteLine($"  alerts {count,10:N0}  {rule}");
        }
        if (options.AlertsFile is null)
        {
            Directory.Delete(work, recursive: true);
        }
        return result.ExitCode;
    }

    private static string RssTrend(IReadOnlyList<(double Seconds, long RssKb)> samples)
    {
        if (samples.Count == 0)
        {
            return "(no samples)";
        }
        // About ten points spread over the run.
        var step = Math.Max(1, samples.Count / 10);
        return string.Join("  ", samples.Where((_, i) => i % step == 0 || i == samples.Count - 1)
            .Select(s => $"{s.Seconds:F0}s:{s.RssKb / 1024}"));
    }

    /// <summary>Rules over the counter plugin's fields: one alerts every 1,000th event, the others test and miss.</summary>
    private const string CounterRules = """
        - rule: Counter thousandth event
          desc: every 1,000th event
          condition: counter.text endswith "000"
          output: "thousandth counter event (n=%counter.n text=%counter.text evt=%evt.num)"
          priority: NOTICE
          source: counter
        - rule: Counter odd in a private range
          desc: never matches (odd events have IPv6 addresses)
          condition: counter.even = false and counter.ip = 10.0.0.1
          output: "odd event %counter.n"
          priority: WARNING
          source: counter
        - rule: Counter answer
          desc: one event
          condition: counter.n = 42 and evt.num > 0
          output: "the answer %counter.n"
          priority: INFORMATIONAL
          source: counter
        - rule: Counter named events
          desc: a few events
          condition: counter.text in ("event-7", "event-77", "event-777")
          output: "named %counter.text"
          priority: NOTICE
          source: counter
        - rule: Counter huge
          desc: never matches
          condition: counter.n > 100000000000 or counter.text startswith "x"
          output: "huge %counter.n"
          priority: ERROR
          source: counter
        """;
}
