using Akka.Actor;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Tests.Cluster.Serialization;

/// <summary>
/// An actor system with the engine's serializer binding (<see cref="WireSerializationHosting.Hocon"/>): messages go
/// through its own serialization, as they do when they cross nodes.
/// </summary>
internal sealed class WireSystem(string name) : IDisposable
{
    public ActorSystem System { get; } = ActorSystem.Create(name, WireSerializationHosting.Hocon);

    public WireSerializer Serializer => (WireSerializer)System.Serialization.FindSerializerForType(typeof(IWireMessage));

    public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(10));

    /// <summary>Serializes <paramref name="message"/> with the serializer its type is bound to and reads it back.</summary>
    public T RoundTrip<T>(T message, string manifest) where T : notnull
    {
        var serializer = System.Serialization.FindSerializerFor(message);
        Assert.IsType<WireSerializer>(serializer);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, message));
        var back = System.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
        Assert.IsType(message.GetType(), back);
        return (T)back;
    }

    public static void AssertSameAlerts(IReadOnlyList<FormattedAlert> expected, IReadOnlyList<FormattedAlert> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (a, b) = (expected[i], actual[i]);
            Assert.Equal((a.Rule, a.Priority, a.Source, a.TimestampNs, a.Text, a.Json), (b.Rule, b.Priority, b.Source, b.TimestampNs, b.Text, b.Json));
            Assert.Equal(a.Tags, b.Tags);
        }
    }
}
