using Akka.Configuration;

namespace Falco.Actors.Engine.Hosting;

/// <summary>The engine's HOCON (<c>hocon/akka.conf</c> and <c>hocon/cluster.conf</c>, embedded in this assembly).</summary>
public static class EngineHocon
{
    public static string Text { get; } = Read("Falco.Actors.Engine.akka.conf");

    /// <summary>The settings added when the node is a cluster member (<c>hocon/cluster.conf</c>).</summary>
    public static string ClusterText { get; } = Read("Falco.Actors.Engine.cluster.conf");

    public static Config Config => ConfigurationFactory.ParseString(Text);

    private static string Read(string resource)
    {
        using var stream = typeof(EngineHocon).Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"the embedded {resource} is missing from Falco.Actors.Engine");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
