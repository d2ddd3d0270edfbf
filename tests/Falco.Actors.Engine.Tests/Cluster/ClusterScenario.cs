using Akka.Cluster;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Tests.Shared;

namespace Falco.Actors.Engine.Tests.Cluster;

/// <summary>What the in-process cluster tests share: a member on 127.0.0.1 with a random port and TLS, and waiting for members.</summary>
internal static class ClusterScenario
{
    /// <summary>
    /// Fast failure detection, downing and hand-over for tests (production keeps Akka's and hocon/cluster.conf's), and
    /// the <see cref="JsonFallbackProbe"/> in place of the JSON fallback serializer.
    /// </summary>
    public const string FastFailover = JsonFallbackProbe.Binding + "\n" + """
        falco.delivery.resend-after = 2s
        akka.cluster.split-brain-resolver.stable-after = 2s
        akka.cluster.failure-detector.heartbeat-interval = 200ms
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 1s
        akka.cluster.sharding.handoff-timeout = 3s
        akka.cluster.singleton.hand-over-retry-interval = 200ms
        akka.cluster.distributed-data.notify-subscribers-interval = 100ms
        """;

    /// <summary>Nothing that crossed nodes (or was serialized at all) in any cluster test so far fell back to JSON.</summary>
    public static void AssertNoJsonFallback() =>
        Assert.True(JsonFallbackProbe.Seen.Count == 0, "serialized by the JSON fallback: " + string.Join(", ", JsonFallbackProbe.Seen));

    /// <summary>A member with mutual TLS: every test node presents the test cluster CA's node certificate.</summary>
    public static ClusterNode Node(IReadOnlyList<string> seeds, params string[] roles) =>
        new(true, "127.0.0.1", 0, seeds, roles) { Tls = TestCertificates.Cluster.NodeTls };

    /// <summary>A member whose shards spread over every evaluator node (engine_actors.cluster.placement: spread).</summary>
    public static ClusterNode Spread(IReadOnlyList<string> seeds, params string[] roles) =>
        Node(seeds, roles) with { Placement = ShardPlacement.Spread };

    public static async Task MembersUpAsync(EngineRun run, int count)
    {
        var cluster = Akka.Cluster.Cluster.Get(run.System);
        for (var waited = 0; cluster.State.Members.Count(m => m.Status == MemberStatus.Up) < count; waited += 50)
        {
            Assert.True(waited < 20_000, $"{count} members were not Up within 20 s: {string.Join(", ", cluster.State.Members)}");
            await Task.Delay(50);
        }
    }
}
