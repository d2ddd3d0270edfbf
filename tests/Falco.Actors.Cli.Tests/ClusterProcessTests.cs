using Falco.Actors.CorpusGen;
using Falco.Actors.CorpusGen.Generation;
using Falco.Actors.Tests.Shared;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// Three <c>falco-actors</c> OS processes on 127.0.0.1 form a cluster, as scripts/cluster-local.sh and the README
/// run it (nodes 1 and 2 evaluate, node 3 reads the source and evaluates too), on free ports; the alerts the three
/// write together (the output router runs on the oldest node) equal, as a multiset, those of a single-node run over
/// the same input. The nodes talk mutual TLS with the test cluster CA's certificate (<see cref="TestCertificates"/>).
/// Every process is killed at the end.
/// </summary>
public sealed partial class ClusterProcessTests : IDisposable
{
    private static readonly TimeSpan NodeStartup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Run = TimeSpan.FromMinutes(3);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Two intruders try to join while the cluster runs: a node whose certificate another CA signed, and one without
    /// TLS (insecure). The seed refuses both, logs each once with the peer and why, and they never become members
    /// (their webserver starts only once their node is Up); the alerts are still one node's.
    /// </summary>
    [Fact]
    public async Task Three_processes_refuse_intruders_and_write_the_alerts_of_one_node_over_the_bundled_sample()
    {
        var alerts = await AssertClusterAlertsEqualSingleNode(Cli.RepositoryRoot, Cli.RepositoryFile("falco.yaml"), events: 8000, intruders: true);
        Assert.True(alerts > 50, $"only {alerts} alerts over the bundled sample");
    }

    [Fact]
    public async Task A_clustered_node_without_tls_refuses_to_start_and_says_why()
    {
        using var node = FalcoActorsProcess.Start("node without tls", Cli.RepositoryRoot, new Dictionary<string, string?>
        {
            ["FALCO_ACTORS_CLUSTER"] = "true",
            ["FALCO_ACTORS_HOSTNAME"] = "127.0.0.1",
            ["FALCO_ACTORS_PORT"] = $"{FalcoActorsProcess.FreePort()}",
            ["FALCO_ACTORS_INSECURE"] = null,
        }, "-c", Cli.RepositoryFile("falco.yaml"));

        Assert.True(await node.WaitForExitAsync(NodeStartup), $"the node did not exit\n{node.Describe()}");
        Assert.Equal(1, node.ExitCode);
        Assert.Contains("Error: a clustered node needs TLS: set engine_actors.cluster.tls.certificate, key and ca", node.Stderr());
        Assert.Empty(node.StdoutLines());
    }

    [Fact]
    public async Task Three_processes_write_the_alerts_of_one_node_over_a_generated_corpus_of_60_000_records()
    {
        const int records = 60_000;
        var corpus = _folder.File("corpus");
        var options = CorpusOptions.Parse(["--out", corpus, "--records", $"{records}", "--seed", "11", "--records-per-file", "500"]);
        CorpusGenerator.Run(options, TextWriter.Null);
        var config = _folder.Write("falco.yaml", $"""
            plugins:
              - name: cloudtrail
                library_path: {Path.Combine(AppContext.BaseDirectory, "Falco.Actors.Plugins.CloudTrail.dll")}
                init_config: ""
                open_params: {corpus}
              - name: json
                library_path: {Path.Combine(AppContext.BaseDirectory, "Falco.Actors.Plugins.Json.dll")}
                init_config: ""
            load_plugins: [cloudtrail, json]
            rules_files:
              - {Cli.RepositoryFile("rules/aws_cloudtrail_rules.yaml")}
            rule_matching: first
            priority: debug
            stdout_output:
              enabled: true
            syslog_output:
              enabled: false
            webserver:
              enabled: false
            """);

        var alerts = await AssertClusterAlertsEqualSingleNode(_folder.Path, config, records);

        Assert.True(alerts > 100, $"only {alerts} alerts over {records} generated records");
    }

    [Fact]
    public async Task An_insecure_cluster_node_warns_at_start_and_in_healthz()
    {
        var webPort = FalcoActorsProcess.FreePort();
        using var node = FalcoActorsProcess.Start("insecure node", Cli.RepositoryRoot, new Dictionary<string, string?>
        {
            ["FALCO_ACTORS_CLUSTER"] = "true",
            ["FALCO_ACTORS_HOSTNAME"] = "127.0.0.1",
            ["FALCO_ACTORS_PORT"] = $"{FalcoActorsProcess.FreePort()}",
            ["FALCO_ACTORS_ROLES"] = "evaluator",
            ["FALCO_ACTORS_INSECURE"] = "true",
        }, "-c", Cli.RepositoryFile("falco.yaml"), "-o", "webserver.enabled=true", "-o", "webserver.listen_address=127.0.0.1",
            "-o", $"webserver.listen_port={webPort}");

        Assert.True(await node.WaitListeningAsync(webPort, NodeStartup), $"the webserver did not start\n{node.Describe()}");
        using var http = new HttpClient();
        var health = await http.GetStringAsync($"http://127.0.0.1:{webPort}/healthz");

        Assert.StartsWith("""{"status": "ok", "warnings": ["engine_actors.cluster.tls.insecure is true""", health);
        Assert.Contains("Warning: engine_actors.cluster.tls.insecure is true: cluster traffic is neither encrypted nor authenticated", node.Stderr());
    }

    /// <summary>Runs the cluster, then one node, over <paramref name="config"/>; returns the number of alerts.</summary>
    private static async Task<int> AssertClusterAlertsEqualSingleNode(string workingDirectory, string config, int events, bool intruders = false)
    {
        var seedPort = FalcoActorsProcess.FreePort();
        var nodes = new List<FalcoActorsProcess>();
        var intruderNodes = new List<(FalcoActorsProcess Node, int WebPort)>();
        try
        {
            FalcoActorsProcess StartNode(string name, int port, string roles, Dictionary<string, string?> tls, params string[] options)
            {
                var environment = new Dictionary<string, string?>(tls)
                {
                    ["FALCO_ACTORS_CLUSTER"] = "true",
                    ["FALCO_ACTORS_HOSTNAME"] = "127.0.0.1",
                    ["FALCO_ACTORS_PORT"] = $"{port}",
                    ["FALCO_ACTORS_SEED_NODES"] = $"127.0.0.1:{seedPort}",
                    ["FALCO_ACTORS_ROLES"] = roles,
                };
                return FalcoActorsProcess.Start($"{name} ({roles}, 127.0.0.1:{port})", workingDirectory, environment, ["-c", config, .. options]);
            }
            FalcoActorsProcess StartMember(int n, int port, string roles)
            {
                var node = StartNode($"node {n}", port, roles, TestCertificates.Cluster.Environment());
                nodes.Add(node);
                return node;
            }
            string Nodes() => string.Join("\n", nodes.Concat(intruderNodes.Select(i => i.Node)).Select(n => n.Describe()));

            // The evaluators listen before the source node starts, so that it joins a cluster of three.
            foreach (var (n, port) in new[] { (1, seedPort), (2, FalcoActorsProcess.FreePort()) })
            {
                var node = StartMember(n, port, "evaluator");
                Assert.True(await node.WaitListeningAsync(port, NodeStartup), $"{node.Name} did not listen within {NodeStartup.TotalSeconds:0} s\n{Nodes()}");
            }
            if (intruders)
            {
                foreach (var (name, tls) in new[]
                {
                    ("intruder of another CA", TestCertificates.Other.Environment()),
                    ("intruder without TLS", new Dictionary<string, string?> { ["FALCO_ACTORS_INSECURE"] = "true" }),
                })
                {
                    var webPort = FalcoActorsProcess.FreePort();
                    intruderNodes.Add((StartNode(name, FalcoActorsProcess.FreePort(), "evaluator", tls,
                        "-o", "webserver.enabled=true", "-o", "webserver.listen_address=127.0.0.1", "-o", $"webserver.listen_port={webPort}"), webPort));
                }
                // Both have knocked (and been refused) before the source starts: they would take shards now if they could.
                Assert.True(await nodes[0].WaitForStderrAsync(s => RefusedOtherCa(s) > 0 && RefusedPlain(s) > 0, NodeStartup),
                    $"the seed did not log both intruders as refused\n{Nodes()}");
            }
            var source = StartMember(3, FalcoActorsProcess.FreePort(), "source,evaluator");
            Assert.True(await source.WaitForExitAsync(Run), $"the source node did not finish within {Run.TotalMinutes:0} min\n{Nodes()}");
            Assert.True(source.ExitCode == 0, $"the source node exited with {source.ExitCode}\n{Nodes()}");
            Assert.Contains($"Events processed: {events} (aws_cloudtrail: {events})", source.Stderr());
            // The evaluators stop as an operator stops them; the alerts are written by the output router, a singleton on
            // the oldest node, so the cluster's alerts are what all three nodes wrote together.
            foreach (var evaluator in nodes.Take(2))
            {
                Assert.False(evaluator.HasExited, $"{evaluator.Name} stopped during the run\n{Nodes()}");
            }
            foreach (var evaluator in nodes.Take(2))
            {
                Assert.True(await evaluator.StopAsync(NodeStartup), $"{evaluator.Name} did not stop on SIGTERM within {NodeStartup.TotalSeconds:0} s\n{Nodes()}");
            }
            foreach (var (intruder, webPort) in intruderNodes)
            {
                Assert.False(Listening(webPort), $"{intruder.Name} became a member\n{Nodes()}");
                Assert.Empty(intruder.StdoutLines());
            }
            if (intruders)
            {
                // Refused on every retry (every few seconds), logged once.
                var seedLog = nodes[0].Stderr();
                Assert.True(RefusedOtherCa(seedLog) == 1 && RefusedPlain(seedLog) == 1, $"the refusals were not logged once each\n{Nodes()}");
            }
            var clusterAlerts = nodes.SelectMany(node => Alerts(node.StdoutLines())).ToArray();
            foreach (var node in nodes)
            {
                node.Dispose();
            }

            using var single = FalcoActorsProcess.Start("single node", workingDirectory, new Dictionary<string, string?>
            {
                ["FALCO_ACTORS_TLS_CERTIFICATE"] = null,
                ["FALCO_ACTORS_TLS_KEY"] = null,
                ["FALCO_ACTORS_TLS_CA"] = null,
                ["FALCO_ACTORS_CLUSTER"] = null,
                ["FALCO_ACTORS_SEED_NODES"] = null,
                ["FALCO_ACTORS_ROLES"] = null,
                ["FALCO_ACTORS_PORT"] = null,
                ["FALCO_ACTORS_HOSTNAME"] = null,
            }, "-c", config);
            Assert.True(await single.WaitForExitAsync(Run), $"the single node did not finish within {Run.TotalMinutes:0} min\n{single.Describe()}");
            Assert.True(single.ExitCode == 0, $"the single node exited with {single.ExitCode}\n{single.Describe()}");
            var singleAlerts = Alerts(single.StdoutLines());

            AssertSameMultiset(singleAlerts, clusterAlerts);
            return singleAlerts.Length;
        }
        finally
        {
            foreach (var node in nodes.Concat(intruderNodes.Select(i => i.Node)))
            {
                node.Dispose();
            }
        }
    }

    private static int RefusedOtherCa(string stderr) =>
        Count(stderr, "Refused remoting peer ::ffff:127.0.0.1: its certificate (CN=other-node) is not signed by the cluster CA");

    private static int RefusedPlain(string stderr) => Count(stderr, "Refused remoting peer ::ffff:127.0.0.1: it does not speak TLS");

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    private static bool Listening(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// A node's stdout, which must hold alerts only: a log line of Akka's (its transport warns while a node shuts
    /// down) goes to stderr, so any other line makes the comparison fail.
    /// </summary>
    private static string[] Alerts(string[] stdout) => stdout;

    /// <summary>Equal as multisets: batches of different partitions may be written in another order.</summary>
    private static void AssertSameMultiset(string[] single, string[] cluster)
    {
        var counts = single.CountBy(alert => alert, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var extra = new List<string>();
        foreach (var alert in cluster)
        {
            if (counts.TryGetValue(alert, out var count) && count > 0)
            {
                counts[alert] = count - 1;
            }
            else
            {
                extra.Add(alert);
            }
        }
        var missing = counts.Where(c => c.Value > 0).SelectMany(c => Enumerable.Repeat(c.Key, c.Value)).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"the cluster wrote {cluster.Length} alerts, one node {single.Length}: {missing.Count} missing in the cluster's, {extra.Count} extra\n" +
            $"missing (first 5):\n{string.Join("\n", missing.Take(5))}\nextra (first 5):\n{string.Join("\n", extra.Take(5))}");
    }
}
