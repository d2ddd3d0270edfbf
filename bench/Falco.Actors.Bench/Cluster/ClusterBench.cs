using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Bench.Pipeline;

namespace Falco.Actors.Bench.Cluster;

/// <summary>
/// <c>cluster</c>: the released CLI as OS processes on 127.0.0.1 (what a deployment runs, not ActorSystems sharing
/// one process), over one CloudTrail corpus: a single node, then loopback clusters of 2 and 3 nodes (the last node
/// reads the source and evaluates; the others evaluate). Per run: events/s (the source node's wall time, start-up
/// included, as for the single node), alerts (which must be the same multiset in every run), CPU seconds of all the
/// run's processes (getrusage of the reaped children, less the evaluators' start-up before the source starts), and the
/// bytes carried between the nodes per event (the kernel's TCP counters, <see cref="LoopbackTraffic"/>). <c>--kill-after S</c> adds a 3-node run whose node 2 is killed
/// (SIGKILL) S seconds after the source started, and reports how long the alerts stalled: the evaluator failover.
/// <c>--placement</c> sets every node's shard placement (<c>FALCO_ACTORS_PLACEMENT</c>): with <c>local</c> the source
/// node evaluates its own events and the evaluator nodes idle; with <c>spread</c> every node takes a share. The nodes
/// talk mutual TLS with a throwaway CA's certificate (scripts/cluster-certs.sh), or in the clear with <c>--insecure</c>.
/// </summary>
internal static class ClusterBench
{
    public const string Usage = "cluster [--records N] [--corpus DIR] [--nodes 1,2,3] [--placement local|spread] [--insecure] [--kill-after S] [-o key=value]...";

    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(20);

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        ClusterBenchOptions options;
        try
        {
            options = ClusterBenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"cluster: {e.Message}\nusage: {Usage}");
            return 2;
        }
        var root = BenchMachine.RepositoryRoot();
        var corpus = BenchCorpus.Ensure(options.Corpus ?? BenchCorpus.DefaultFolder(options.Records, gzip: true), options.Records, gzip: true, root);
        var cli = ReleaseCli(root);
        var work = Directory.CreateTempSubdirectory("falco-actors-cluster-bench-").FullName;
        var config = Path.Combine(work, "falco.yaml");
        var bin = Path.GetDirectoryName(cli)!;
        File.WriteAllText(config, $"""
            plugins:
              - name: cloudtrail
                library_path: {Path.Combine(bin, "Falco.Actors.Plugins.CloudTrail.dll")}
                init_config: ""
                open_params: {corpus}
              - name: json
                library_path: {Path.Combine(bin, "Falco.Actors.Plugins.Json.dll")}
                init_config: ""
            load_plugins: [cloudtrail, json]
            rules_files:
              - {Path.Combine(root, "rules", "aws_cloudtrail_rules.yaml")}
            rule_matching: first
            priority: debug
            stdout_output:
              enabled: true
            syslog_output:
              enabled: false
            webserver:
              enabled: false
            """);
        Console.WriteLine("Falco.Actors cluster benchmark: falco-actors OS processes on 127.0.0.1, all on this machine's cores");
        Console.WriteLine($"corpus: {corpus} ({BenchCorpus.Manifest(corpus).GetValueOrDefault("records")} records, .json.gz); CLI {cli}");
        Console.WriteLine($"options for every node: {(options.Overrides.Count == 0 ? "(none)" : string.Join(' ', options.Overrides))}");
        Console.WriteLine($"shard placement: {PlacementText(options)}");
        Console.WriteLine($"between nodes: {(options.Insecure ? "plain TCP (--insecure)" : "mutual TLS")}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {BenchMachine.LoadAverage()}");
        Console.WriteLine();

        var results = new List<RunResult>();
        try
        {
            var tls = options.Insecure
                ? new Dictionary<string, string?> { ["FALCO_ACTORS_INSECURE"] = "true" }
                : ThrowawayCertificates(root, Path.Combine(work, "certs"));
            foreach (var nodes in options.Nodes)
            {
                results.Add(await RunOnce(nodes, cli, config, options, tls, killAfter: null));
                Print(results[^1], results[0]);
            }
            if (options.KillAfter is { } killAfter)
            {
                results.Add(await RunOnce(3, cli, config, options, tls, killAfter));
                Print(results[^1], results[0]);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        var same = results.All(r => r.AlertsDigest == results[0].AlertsDigest);
        Console.WriteLine();
        Console.WriteLine(same
            ? $"alerts: the same {results[0].Alerts:N0} alerts (as a multiset) in every run"
            : "alerts DIFFER between runs: " + string.Join(", ", results.Select(r => $"{r.Label}: {r.Alerts:N0} ({r.AlertsDigest[..12]})")));
        return same ? 0 : 1;
    }

    private sealed record RunResult(string Label, int Nodes, long Events, int Alerts, string AlertsDigest, double WallSeconds,
        double CpuSeconds, long NetworkBytes, string? Failover);

    private static async Task<RunResult> RunOnce(int nodeCount, string cli, string config, ClusterBenchOptions options,
        IReadOnlyDictionary<string, string?> tls, double? killAfter)
    {
        var label = nodeCount == 1 ? "1 node" : $"{nodeCount} nodes" + (killAfter is null ? "" : $", node 2 killed at {killAfter:0.#} s");
        Console.WriteLine($"running {label} ...");
        var clock = Stopwatch.StartNew();
        var cpuBefore = ChildrenCpu.Now();
        var nodes = new List<NodeProcess>();
        try
        {
            var seedPort = NodeProcess.FreePort();
            var ports = new List<int>();
            for (var n = 1; n < nodeCount; n++)
            {
                var port = n == 1 ? seedPort : NodeProcess.FreePort();
                ports.Add(port);
                var node = NodeProcess.Start($"node {n}", cli, config, ClusterEnvironment(seedPort, port, "evaluator", options.Placement, tls),
                    options.Overrides, clock);
                nodes.Add(node);
                await node.WaitListeningAsync(port, Startup);
            }
            if (nodeCount > 1)
            {
                // Listening is not yet joined: give the evaluators time to be Up, so that shards spread over all nodes.
                await Task.Delay(TimeSpan.FromSeconds(3));
            }
            // The evaluators' start-up (JIT, rules, joining) is not the run's work: their CPU so far is left out.
            var evaluatorStartupCpu = nodes.Sum(n => n.CpuSeconds());
            var sourcePort = NodeProcess.FreePort();
            ports.Add(sourcePort);
            var environment = nodeCount == 1
                ? new Dictionary<string, string?> { ["FALCO_ACTORS_CLUSTER"] = null, ["FALCO_ACTORS_SEED_NODES"] = null }
                : ClusterEnvironment(seedPort, sourcePort, "source,evaluator", options.Placement, tls);
            var traffic = nodeCount == 1 ? null : new LoopbackTraffic(ports);
            var started = clock.Elapsed;
            var source = NodeProcess.Start($"node {nodeCount} (source)", cli, config, environment, options.Overrides, clock);
            nodes.Add(source);
            TimeSpan? killedAt = null;
            if (killAfter is { } seconds)
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds));
                killedAt = clock.Elapsed;
                nodes[1].Kill();
            }
            await source.WaitForExitAsync(RunLimit);
            var wall = (clock.Elapsed - started).TotalSeconds;
            if (traffic is not null)
            {
                await traffic.DisposeAsync();
            }
            if (source.ExitCode != 0)
            {
                throw new InvalidOperationException($"{source.Name} exited with {source.ExitCode}:\n{source.Stderr()}");
            }
            // The output router is a singleton on the oldest node: the run's alerts are what every node wrote, complete
            // once the others have stopped (a killed node wrote what it wrote before it died).
            foreach (var node in nodes.Where(n => !n.HasExited))
            {
                await node.StopAsync(Startup);
            }
            var cpu = (ChildrenCpu.Now() - cpuBefore - (traffic?.OwnCpu ?? TimeSpan.Zero)).TotalSeconds - evaluatorStartupCpu;
            var alerts = nodes.SelectMany(n => n.Stdout()).OrderBy(a => a.At).ToList();
            return new RunResult(label, nodeCount, EventsProcessed(source.Stderr()), alerts.Count, Digest(alerts.Select(a => a.Line)), wall, cpu,
                traffic is { Available: true } ? traffic.Bytes : -1, killedAt is { } at ? Stall(alerts, at) : null);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    /// <summary>A CA and one node certificate (every node presents it) made by scripts/cluster-certs.sh; their FALCO_ACTORS_TLS_* variables.</summary>
    private static Dictionary<string, string?> ThrowawayCertificates(string root, string folder)
    {
        using var script = Process.Start("bash", [Path.Combine(root, "scripts", "cluster-certs.sh"), folder, "node"]);
        script.WaitForExit();
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/cluster-certs.sh exited with {script.ExitCode}");
        }
        return new()
        {
            ["FALCO_ACTORS_TLS_CERTIFICATE"] = Path.Combine(folder, "node.pem"),
            ["FALCO_ACTORS_TLS_KEY"] = Path.Combine(folder, "node.key"),
            ["FALCO_ACTORS_TLS_CA"] = Path.Combine(folder, "ca.pem"),
        };
    }

    private static Dictionary<string, string?> ClusterEnvironment(int seedPort, int port, string roles, ShardPlacement? placement,
        IReadOnlyDictionary<string, string?> tls) => new(tls)
    {
        ["FALCO_ACTORS_CLUSTER"] = "true",
        ["FALCO_ACTORS_HOSTNAME"] = "127.0.0.1",
        ["FALCO_ACTORS_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        ["FALCO_ACTORS_SEED_NODES"] = $"127.0.0.1:{seedPort}",
        ["FALCO_ACTORS_ROLES"] = roles,
        ["FALCO_ACTORS_PLACEMENT"] = placement is { } p ? ShardPlacementNames.Name(p) : null,
    };

    /// <summary>The placement the cluster runs use: local keeps the source node's events on it, spread shares them out.</summary>
    private static string PlacementText(ClusterBenchOptions options) => options.Placement is { } placement
        ? $"{ShardPlacementNames.Name(placement)} (--placement)"
        : options.Overrides.LastOrDefault(o => o.StartsWith("engine_actors.cluster.placement=", StringComparison.Ordinal)) is { } set
            ? $"{set[(set.IndexOf('=') + 1)..]} (-o)"
            : $"{ShardPlacementNames.Name(ClusterConfig.Default.Placement)} (the default)";

    /// <summary>
    /// The longest pause in the alert stream after the kill: alerts are written in batch order, so the stream stops at
    /// the first batch the dead node did not confirm and resumes once its shards run elsewhere and the batch is re-sent.
    /// </summary>
    private static string Stall(IReadOnlyList<(TimeSpan At, string Line)> alerts, TimeSpan killedAt)
    {
        var previous = alerts.LastOrDefault(a => a.At <= killedAt).At;
        var (gap, resumed) = (TimeSpan.Zero, TimeSpan.Zero);
        foreach (var (at, _) in alerts.Where(a => a.At > killedAt))
        {
            if (at - previous > gap)
            {
                (gap, resumed) = (at - previous, at);
            }
            previous = at;
        }
        return gap == TimeSpan.Zero
            ? "no alert after the kill"
            : $"alerts stalled {gap.TotalSeconds:F1} s, resuming {(resumed - killedAt).TotalSeconds:F1} s after the kill";
    }

    private static void Print(RunResult r, RunResult single)
    {
        var rate = r.Events / r.WallSeconds;
        var ratio = rate / (single.Events / single.WallSeconds);
        var net = r.Nodes == 1 ? "" : r.NetworkBytes < 0 ? "; network: n/a (no ss)"
            : $"; network {r.NetworkBytes / (double)r.Events:N0} B/event ({r.NetworkBytes / 1e6:N0} MB between the nodes)";
        Console.WriteLine($"  {r.Label,-32} {r.Events,10:N0} events  {r.WallSeconds,7:F1} s  {rate,9:N0} events/s ({ratio:F2}x one node)  " +
                          $"CPU {r.CpuSeconds,6:F1} s ({r.CpuSeconds / r.Events * 1e6:F1} µs/event)  alerts {r.Alerts:N0}{net}");
        if (r.Failover is { } failover)
        {
            Console.WriteLine($"  {"",-32} failover: {failover}");
        }
    }

    private static long EventsProcessed(string stderr)
    {
        const string marker = "Events processed: ";
        var at = stderr.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"no '{marker}' line in the source node's stderr:\n{stderr}");
        }
        var digits = stderr[(at + marker.Length)..].TakeWhile(char.IsAsciiDigit).ToArray();
        return long.Parse(digits, CultureInfo.InvariantCulture);
    }

    private static string Digest(IEnumerable<string> alerts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', alerts.Order(StringComparer.Ordinal)))));

    /// <summary>The Release build of the CLI (built first if missing), run as `dotnet falco-actors.dll`.</summary>
    private static string ReleaseCli(string root)
    {
        var dll = Path.Combine(root, "src", "Falco.Actors.Cli", "bin", "Release", "net10.0", "falco-actors.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine($"building the CLI ({dll}) ...");
            using var build = Process.Start("dotnet", ["build", "-c", "Release", "--nologo", "-v", "quiet", Path.Combine(root, "src", "Falco.Actors.Cli")]);
            build.WaitForExit();
            if (build.ExitCode != 0 || !File.Exists(dll))
            {
                throw new InvalidOperationException($"could not build {dll}");
            }
        }
        return dll;
    }
}
