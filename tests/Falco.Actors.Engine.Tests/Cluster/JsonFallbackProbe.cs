using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace Falco.Actors.Engine.Tests.Cluster;

/// <summary>
/// Takes the place of Akka's default (JSON) serializer in the cluster tests: it still serializes, so a run is never
/// disturbed, but records the type of every message that reached it, so a test can assert that nothing crossing
/// nodes fell back to JSON (every message of ours has a serializer of ours; Akka's have theirs).
/// <para>
/// Why not <c>akka.actor.serialize-messages = on</c> in these tests: Akka.DistributedData and the cluster singleton
/// send internal messages within a node that have no serializer (a read's <c>ReadRepair</c>, for one), which fail
/// that check and stall the singletons. The single-node <c>SerializedPipelineTests</c> runs with it on, and
/// <c>WireSerializerTests</c> and <c>FailoverWireTests</c> read back every cross-node message.
/// </para>
/// </summary>
public sealed class JsonFallbackProbe(ExtendedActorSystem system) : Serializer(system)
{
    public const int Id = 4798;

    /// <summary>The HOCON that binds it in place of the JSON fallback.</summary>
    public const string Binding = """
        akka.actor.serializers.falco-json-fallback-probe = "Falco.Actors.Engine.Tests.Cluster.JsonFallbackProbe, Falco.Actors.Engine.Tests"
        akka.actor.serialization-bindings."System.Object" = falco-json-fallback-probe
        akka.actor.serialization-identifiers."Falco.Actors.Engine.Tests.Cluster.JsonFallbackProbe, Falco.Actors.Engine.Tests" = 4798
        """;

    private static readonly ConcurrentDictionary<string, int> Types = new(StringComparer.Ordinal);

    private readonly NewtonSoftJsonSerializer _json = new(system);

    /// <summary>Every message type serialized by the JSON fallback so far, in any test of the process.</summary>
    public static IReadOnlyCollection<string> Seen => [.. Types.Keys.Order(StringComparer.Ordinal)];

    public override int Identifier => Id;

    public override bool IncludeManifest => _json.IncludeManifest;

    public override byte[] ToBinary(object obj)
    {
        Types.TryAdd(obj.GetType().FullName ?? obj.GetType().Name, 0);
        return _json.ToBinary(obj);
    }

    public override object FromBinary(byte[] bytes, Type type) => _json.FromBinary(bytes, type);
}
