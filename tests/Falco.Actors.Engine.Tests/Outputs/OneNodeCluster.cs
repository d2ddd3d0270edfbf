using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.TestKit;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Hosting;

namespace Falco.Actors.Engine.Tests.Outputs;

/// <summary>A TestKit's actor system as a cluster of one node on 127.0.0.1, with its DistributedData replica.</summary>
internal static class OneNodeCluster
{
    /// <summary>The engine's HOCON as a cluster member, with the router's publish interval given.</summary>
    public static string Hocon(string publishInterval) => EngineHocon.Text + "\n" + $"""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.cluster.distributed-data.notify-subscribers-interval = 50ms
        falco.delivery.publish-interval = {publishInterval}
        """;

    public static void Join(TestKitBase test)
    {
        var cluster = Akka.Cluster.Cluster.Get(test.Sys);
        cluster.Join(cluster.SelfAddress);
        test.AwaitCondition(() => cluster.SelfMember.Status == MemberStatus.Up, TimeSpan.FromSeconds(20));
    }

    public static IActorRef Replicator(TestKitBase test) => DistributedData.Get(test.Sys).Replicator;

    /// <summary>What this node's replica holds for <paramref name="source"/>.</summary>
    public static async Task<SourceWrites> ReadLocalAsync(TestKitBase test, string source)
    {
        var answer = await Replicator(test).Ask<IGetResponse>(Dsl.Get(WrittenPositions.Key, ReadLocal.Instance), TimeSpan.FromSeconds(10));
        return answer is GetSuccess found ? WrittenPositions.Read(found.Get(WrittenPositions.Key), source) : SourceWrites.None;
    }

    /// <summary>Publishes <paramref name="writes"/> as a router that ran before would have.</summary>
    public static void Publish(TestKitBase test, string source, SourceWrites writes)
    {
        var node = Akka.Cluster.Cluster.Get(test.Sys);
        Replicator(test).Tell(Dsl.Update(WrittenPositions.Key, LWWDictionary<string, string>.Empty, WriteLocal.Instance,
            data => WrittenPositions.Write(data, node, ImmutableDictionary<string, SourceWrites>.Empty.Add(source, writes))), test.TestActor);
        test.ExpectMsg<UpdateSuccess>();
    }
}
