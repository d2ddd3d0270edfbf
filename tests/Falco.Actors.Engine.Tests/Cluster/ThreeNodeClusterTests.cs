using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.Tests.Actors;
using Falco.Actors.Engine.Tests.Cluster.Serialization;
using Xunit.Abstractions;
using static Falco.Actors.Engine.Tests.Cluster.ClusterScenario;

namespace Falco.Actors.Engine.Tests.Cluster;

/// <summary>
/// Three nodes on 127.0.0.1 (random ports, one system name) form a cluster: two evaluator nodes, then a node that
/// reads the CloudTrail sample and evaluates too. Batches cross nodes through the wire serializer; the alerts are
/// written by the output router singleton on the oldest node (the first) and equal, exactly, those of a single-node
/// run of the same configuration. With <c>placement: spread</c> the shards are spread over every evaluator node; with
/// <c>local</c> (the default) they stay on the source's node when it evaluates.
/// </summary>
public sealed class ThreeNodeClusterTests(ITestOutputHelper output) : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private EngineSetup Setup(RecordingSink sink, ClusterNode? node, int batchSize = 128, int inFlight = 6, string? hocon = null)
    {
        // 128 records of ~1.4 KB: each batch is larger than Akka's default 128 000-byte frame.
        var setup = _scenario.Setup(EngineScenario.CloudTrailSample, EngineScenario.CloudTrailRules,
            EngineScenario.Actors(batchSize, batchTimeMs: 30, inFlight, partitions: 12) + "\nrule_matching: all\n", [sink]);
        return setup with { Cluster = node, Hocon = hocon ?? JsonFallbackProbe.Binding };
    }

    /// <summary>The sorted alert texts of a single-node run of the same configuration.</summary>
    private async Task<IReadOnlyList<string>> SingleNodeAlertsAsync()
    {
        var single = new RecordingSink();
        await using (var run = await FalcoEngine.StartAsync(Setup(single, null)))
        {
            var alone = await run.Completion.WaitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(8000, alone.Statistics.EventsIn["aws_cloudtrail"]);
        }
        Assert.NotEmpty(single.Alerts);
        return [.. single.Alerts.Select(x => x.Text).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Alerts_of_a_three_node_cluster_equal_those_of_a_single_node()
    {
        var expected = await SingleNodeAlertsAsync();

        var sinks = new[] { new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c") };
        await using var a = await FalcoEngine.StartAsync(Setup(sinks[0], Spread([], ClusterNode.EvaluatorRole)));
        var seed = Akka.Cluster.Cluster.Get(a.System).SelfAddress.ToString();
        await using var b = await FalcoEngine.StartAsync(Setup(sinks[1], Spread([seed], ClusterNode.EvaluatorRole)));
        await using var c = await FalcoEngine.StartAsync(Setup(sinks[2], Spread([seed], ClusterNode.SourceRole, ClusterNode.EvaluatorRole)));
        await MembersUpAsync(c, 3);

        var result = await c.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        var resultA = await a.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var resultB = await b.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
        Assert.Empty(resultA.Sources);
        Assert.Empty(resultB.Sources);
        var evaluated = new[] { resultA, resultB, result }.Select(r => r.Statistics.EventsEvaluated.GetValueOrDefault("aws_cloudtrail")).ToArray();
        output.WriteLine($"events evaluated per node: {string.Join(", ", evaluated)}");
        Assert.Equal(8000, evaluated.Sum());
        Assert.True(evaluated[0] > 0 && evaluated[1] > 0, "the evaluator nodes got no batch: sharding did not spread");
        Assert.Empty(sinks[1].Alerts);
        Assert.Empty(sinks[2].Alerts);
        // The router singleton runs on the oldest node; batch boundaries depend on timing, so compare as sorted lists.
        Assert.Equal(expected, sinks[0].Alerts.Select(x => x.Text).Order(StringComparer.Ordinal));
        // The source's node counts every alert of its stream (its summary and /metrics), the others none of them.
        Assert.Equal(expected.Count, result.Statistics.Alerts.Values.Sum());
        Assert.Equal(0, resultA.Statistics.Alerts.Values.Sum() + resultB.Statistics.Alerts.Values.Sum());
        AssertNoJsonFallback();
    }

    /// <summary>Runs a (evaluator, the oldest), b and c (with <paramref name="roleC"/>; c reads) to the end; the events each evaluated.</summary>
    private async Task<long[]> RunLocalPlacementAsync(RecordingSink[] sinks, params string[] roleC)
    {
        var nodeA = Node([], ClusterNode.EvaluatorRole);
        Assert.Equal(ShardPlacement.Local, nodeA.Placement);
        await using var a = await FalcoEngine.StartAsync(Setup(sinks[0], nodeA));
        var seed = Akka.Cluster.Cluster.Get(a.System).SelfAddress.ToString();
        await using var b = await FalcoEngine.StartAsync(Setup(sinks[1], Node([seed], ClusterNode.EvaluatorRole)));
        await using var c = await FalcoEngine.StartAsync(Setup(sinks[2], Node([seed], roleC)));
        await MembersUpAsync(c, 3);

        var result = await c.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        var resultA = await a.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var resultB = await b.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
        var evaluated = new[] { resultA, resultB, result }.Select(r => r.Statistics.EventsEvaluated.GetValueOrDefault("aws_cloudtrail")).ToArray();
        output.WriteLine($"events evaluated per node: {string.Join(", ", evaluated)}");
        return evaluated;
    }

    [Fact]
    public async Task With_local_placement_a_source_nodes_batches_are_evaluated_on_that_node_only()
    {
        var expected = await SingleNodeAlertsAsync();

        var sinks = new[] { new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c") };
        var evaluated = await RunLocalPlacementAsync(sinks, ClusterNode.SourceRole, ClusterNode.EvaluatorRole);

        Assert.Equal([0, 0, 8000], evaluated);
        Assert.Equal(expected, sinks[0].Alerts.Select(x => x.Text).Order(StringComparer.Ordinal));
        Assert.Empty(sinks[1].Alerts);
        Assert.Empty(sinks[2].Alerts);
    }

    [Fact]
    public async Task With_local_placement_a_source_on_a_node_without_the_evaluator_role_still_spreads()
    {
        var expected = await SingleNodeAlertsAsync();

        var sinks = new[] { new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c") };
        var evaluated = await RunLocalPlacementAsync(sinks, ClusterNode.SourceRole);

        Assert.Equal(8000, evaluated.Sum());
        Assert.True(evaluated[0] > 0 && evaluated[1] > 0, "the evaluator nodes did not share the source-only node's shards");
        Assert.Equal(expected, sinks[0].Alerts.Select(x => x.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Killing_an_evaluator_node_mid_stream_loses_no_alert_and_writes_none_twice()
    {
        var expected = await SingleNodeAlertsAsync();

        var sinks = new[] { new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c") };
        await using var a = await FalcoEngine.StartAsync(Setup(sinks[0], Spread([], ClusterNode.EvaluatorRole), 32, 4, FastFailover));
        var seed = Akka.Cluster.Cluster.Get(a.System).SelfAddress.ToString();
        // The victim dies without leaving the cluster (no coordinated shutdown, no shard hand-off): its unconfirmed
        // batches are lost with it, and come back only by being sent again.
        var b = await FalcoEngine.StartAsync(Setup(sinks[1], Spread([seed], ClusterNode.EvaluatorRole), 32, 4,
            FastFailover + "\nakka.coordinated-shutdown.run-by-actor-system-terminate = off"));
        await MembersUpAsync(a, 2);
        await using var c = await FalcoEngine.StartAsync(Setup(sinks[2], Spread([seed], ClusterNode.SourceRole, ClusterNode.EvaluatorRole), 32, 4, FastFailover));

        for (var waited = 0; b.Statistics.Snapshot().EventsEvaluated.GetValueOrDefault("aws_cloudtrail") < 300; waited += 10)
        {
            Assert.True(waited < 60_000, "node b evaluated nothing within 60 s");
            await Task.Delay(10);
        }
        var killedAt = c.Statistics.EventsIn("aws_cloudtrail");
        await b.System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"node b killed after {killedAt} events were read");
        Assert.True(killedAt < 8000, "the stream ended before the node could be killed mid-stream");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await c.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"the run completed {clock.Elapsed.TotalSeconds:0.0} s after the kill");
        await a.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await b.DisposeAsync();

        Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
        Assert.Equal(8000, result.Statistics.EventsIn["aws_cloudtrail"]);
        Assert.Equal(expected, sinks[0].Alerts.Select(x => x.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_node_joining_mid_stream_takes_shards_without_losing_or_repeating_an_alert()
    {
        // The native counter plugin, slowed down (15 ms per next_batch of 10 events: 3 s or more for 2000 events), with
        // one alert per event: every number must come out exactly once.
        const int count = 2000;
        var hocon = "akka.cluster.sharding.rebalance-interval = 500ms";
        EngineSetup CounterSetup(RecordingSink sink, ClusterNode node) =>
            _scenario.Setup(EngineScenario.Counter(count, batch: 10, more: ", \"dwell_us\": 15000"),
                EngineScenario.EveryEvent("Every counter event", "counter", "event n=%counter.n"),
                EngineScenario.Actors(batchSize: 20, batchTimeMs: 20, inFlight: 4, partitions: 12), [sink]) with
            {
                Cluster = node,
                Hocon = hocon,
            };

        var sinks = new[] { new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c") };
        await using var a = await FalcoEngine.StartAsync(CounterSetup(sinks[0], Spread([], ClusterNode.EvaluatorRole)));
        var seed = Akka.Cluster.Cluster.Get(a.System).SelfAddress.ToString();
        var setupB = CounterSetup(sinks[1], Spread([seed], ClusterNode.EvaluatorRole));
        await using var c = await FalcoEngine.StartAsync(CounterSetup(sinks[2], Spread([seed], ClusterNode.SourceRole, ClusterNode.EvaluatorRole)));
        for (var waited = 0; c.Statistics.EventsIn("counter") < 200; waited += 10)
        {
            Assert.True(waited < 60_000, "the source read fewer than 200 events within 60 s");
            await Task.Delay(10);
        }
        await using var b = await FalcoEngine.StartAsync(setupB);
        var joinedAt = c.Statistics.EventsIn("counter");
        output.WriteLine($"node b was up after {joinedAt} events were read");

        var result = await c.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        var resultB = await b.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await a.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(joinedAt < count, "the stream ended before the node joined");
        var evaluatedByB = resultB.Statistics.EventsEvaluated.GetValueOrDefault("counter");
        output.WriteLine($"node b evaluated {evaluatedByB} events");
        Assert.True(evaluatedByB > 0, "the joining node took no shard");
        Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
        Assert.Equal(
            Enumerable.Range(1, count).Select(i => $"event n={i}"),
            sinks[0].Alerts.Select(x => x.Text[x.Text.LastIndexOf("event n=", StringComparison.Ordinal)..]).OrderBy(t => int.Parse(t["event n=".Length..])));
    }

    /// <summary>Waits until the node sees <paramref name="count"/> members Up (gossip converges shortly after MemberUp).</summary>
    [Fact]
    public async Task A_clustered_node_loads_the_cluster_hocon()
    {
        var sink = new RecordingSink();
        var setup = Setup(sink, Node([], ClusterNode.EvaluatorRole));
        await using var run = await FalcoEngine.StartAsync(setup);
        var config = run.System.Settings.Config;

        Assert.Equal(16L * 1024 * 1024, config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Contains("SplitBrainResolverProvider", config.GetString("akka.cluster.downing-provider-class"));
        Assert.Equal("ddata", config.GetString("akka.cluster.sharding.state-store-mode"));
        Assert.Equal([ClusterNode.EvaluatorRole], Akka.Cluster.Cluster.Get(run.System).SelfRoles);
        // The engine's own system (Akka.Hosting binding) picks our one serializer for every cross-node message.
        foreach (var type in WireSerializerTests.CrossNodeMessages)
        {
            Assert.IsType<WireSerializer>(run.System.Serialization.FindSerializerForType(type));
        }
        // An evaluator-only node runs no source and stays up until it is stopped.
        Assert.False(run.Completion.IsCompleted);
        var result = await run.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(result.Sources);
    }
}
