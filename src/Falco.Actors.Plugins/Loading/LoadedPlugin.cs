using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Loading;

/// <summary>
/// A plugin of the set: its configuration, its file, the loaded plugin and the init config every state of it is
/// created with (already checked against the plugin's schema).
/// </summary>
public sealed record LoadedPlugin(PluginConfigEntry Config, string LibraryFile, IPlugin Plugin, string InitConfig)
{
    public PluginInfo Info => Plugin.Info;

    public string Name => Plugin.Info.Name;

    /// <summary>
    /// A source plugin whose events belong to a plugin source (sourcing with an event source name). Its id is not 0,
    /// except for an API 0.x plugin, whose generation allowed it; an API 3 source with id 0 and no source name makes
    /// syscall events, which this engine does not run.
    /// </summary>
    public bool IsSource => Info.Has(PluginCapabilities.Sourcing) && !string.IsNullOrEmpty(Info.EventSource);

    /// <summary>The configured open parameters, trimmed (empty when none).</summary>
    public string OpenParams => Config.OpenParams?.Trim() ?? "";

    /// <summary>Creates a new state of this plugin with its configured init config, for one owner.</summary>
    public IPluginInstance CreateInstance() => Plugin.CreateInstance(InitConfig);

    /// <summary>
    /// Whether this plugin extracts fields from events of <paramref name="source"/> (plugin-api §9.3): its declared
    /// extract sources plus, for a source plugin, its own source; an empty set means every source.
    /// </summary>
    public bool ExtractsFrom(string source)
    {
        if (!Info.Has(PluginCapabilities.Extraction))
        {
            return false;
        }
        var declared = Info.ExtractEventSources;
        if (IsSource)
        {
            return declared.Contains(source, StringComparer.Ordinal) || Info.EventSource == source;
        }
        return declared.Count == 0 || declared.Contains(source, StringComparer.Ordinal);
    }
}

/// <summary>A loaded plugin's name and version, for rules files' <c>required_plugin_versions</c>.</summary>
public readonly record struct PluginVersion(string Name, string Version);
