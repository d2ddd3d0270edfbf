using System.Reflection;
using System.Text.Json;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// The versions Falco reports as its <c>versions_info</c> (<c>--version</c> with json_output, <c>--support</c>, the
/// webserver's <c>GET /versions</c> that falcoctl reads): this product's version (the build's one
/// <c>&lt;Version&gt;</c>), the rules engine version, the plugin API version the host speaks and each loaded plugin's
/// version. The driver and libs keys of Falco do not apply (no kernel driver, no libsinsp) and are not written.
/// </summary>
public sealed record VersionsInfo(IReadOnlyList<(string Name, string Version)> Plugins)
{
    /// <summary>The product version, e.g. <c>0.1.0</c>.</summary>
    public static string Product { get; } =
        typeof(VersionsInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";

    public static string PluginApi => ManagedPlugin.ApiVersion;

    public static VersionsInfo Of(PluginSet? plugins) =>
        new(plugins is null ? [] : [.. plugins.Plugins.Select(p => (p.Name, p.Info.Version))]);

    /// <summary>Falco's keys: <c>engine_version</c> is the engine's minor as text (falcoctl's old key), <c>engine_version_semver</c> the full one.</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("falco_version", Product);
        json.WriteString("plugin_api_version", PluginApi);
        json.WriteString("engine_version", EngineVersion.Current.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("engine_version_semver", EngineVersion.Current.ToString());
        if (Plugins.Count > 0)
        {
            json.WriteStartObject("plugin_versions");
            foreach (var (name, version) in Plugins.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                json.WriteString(name, version);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    public string ToJson()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteJson(json);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
