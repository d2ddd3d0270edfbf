using Akka.Hosting;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>Binds <see cref="WireSerializer"/> to every <see cref="IWireMessage"/>.</summary>
public static class WireSerializationHosting
{
    /// <summary>The engine's binding, through Akka.Hosting.</summary>
    public static AkkaConfigurationBuilder AddFalcoWireSerializer(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer(WireSerializer.Name, [typeof(IWireMessage)], system => new WireSerializer(system));

    /// <summary>The same binding in HOCON, for an actor system created without Akka.Hosting (serializer tests, the wire benchmark).</summary>
    public static string Hocon { get; } = $$"""
        akka.actor {
          serializers { {{WireSerializer.Name}} = "{{typeof(WireSerializer).AssemblyQualifiedName}}" }
          serialization-bindings { "{{typeof(IWireMessage).AssemblyQualifiedName}}" = {{WireSerializer.Name}} }
        }
        """;
}
