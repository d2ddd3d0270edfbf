using System.Reflection;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// Falco.Actors' version, read from this assembly (set once, as <c>FalcoActorsVersion</c> in Directory.Build.props):
/// what <c>--version</c> prints, <c>/versions</c> and the metrics snapshot report as <c>falco_version</c> /
/// <c>falco.version</c>, and /metrics labels <c>falcosecurity_falco_version_info</c> with.
/// </summary>
public static class FalcoActorsVersion
{
    public static readonly string Current =
        typeof(FalcoActorsVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";
}
