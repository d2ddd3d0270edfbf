using Falco.Actors.Engine.Hosting;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.Output;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// The body of <c>GET /versions</c>, Falco's <c>versions_info</c> (falcoctl reads it to match rules and plugin
/// artifacts): <c>falco_version</c> (Falco.Actors' own), <c>engine_version</c> (the rules engine's minor number, the
/// key older falcoctl reads) and <c>engine_version_semver</c>, <c>plugin_api_version</c> (the plugin API this host
/// implements) and <c>plugin_versions</c> (each loaded plugin's). Falco's <c>libs_version</c> and driver keys are
/// left out: there is no libs build nor kernel driver here. <c>--version</c> (with json_output) and <c>--support</c>
/// print the same object.
/// </summary>
public static class VersionsInfo
{
    /// <summary>The plugin API version this host speaks (the newest; older generations load too).</summary>
    public static string PluginApi => ManagedPlugin.ApiVersion;

    public static string Json(IEnumerable<PluginVersion> plugins) => JsonText.Document(json =>
    {
        json.WriteStartObject();
        json.WriteString("falco_version", FalcoActorsVersion.Current);
        json.WriteString("plugin_api_version", PluginApi);
        json.WriteString("engine_version", EngineVersion.Current.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("engine_version_semver", EngineVersion.Current.ToString());
        json.WriteStartObject("plugin_versions");
        foreach (var plugin in plugins)
        {
            json.WriteString(plugin.Name, plugin.Version);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    });
}
