using Akka.Configuration;

namespace Falco.Actors.Engine.Hosting;

/// <summary>The engine's HOCON (<c>hocon/akka.conf</c>, embedded in this assembly).</summary>
public static class EngineHocon
{
    public static string Text { get; } = Read();

    public static Config Config => ConfigurationFactory.ParseString(Text);

    private static string Read()
    {
        using var stream = typeof(EngineHocon).Assembly.GetManifestResourceStream("Falco.Actors.Engine.akka.conf")
                           ?? throw new InvalidOperationException("the embedded hocon/akka.conf is missing from Falco.Actors.Engine");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
