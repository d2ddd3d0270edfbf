using Akka.Hosting;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>Registers <see cref="WireSerializer"/> for every <see cref="IWireMessage"/> through Akka.Hosting.</summary>
public static class WireSerializationHosting
{
    public static AkkaConfigurationBuilder AddFalcoWireSerializer(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer(WireSerializer.Name, [typeof(IWireMessage)], system => new WireSerializer(system));
}
