using Falco.Actors.Engine.Configuration;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Isolation;
using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// Which source plugins open their sessions in a plugin-host process (<c>engine_actors.plugins.&lt;name&gt;.isolation:
/// process</c>): for those the source's settings carry the plugin wrapped by <see cref="IsolatedSourcePlugin"/>, so
/// the source actor and its supervision run it as any other session. Extraction is untouched (in process).
/// </summary>
public static class SessionIsolation
{
    /// <summary>
    /// The plugin a source's sessions are opened with: <paramref name="plugin"/> itself, or the same plugin run in
    /// host processes. A setting the plugin cannot take (a managed or extraction-only plugin) is a
    /// <see cref="ConfigurationException"/> at the plugin's entry in <c>engine_actors.plugins</c>.
    /// </summary>
    /// <param name="host">How host processes start (tests say where <c>falco-actors</c> is); null: the defaults.</param>
    public static LoadedPlugin ForSessions(LoadedPlugin plugin, EngineActorsConfig actors, PluginHostOptions? host = null)
    {
        if (!actors.Plugins.TryGetValue(plugin.Name, out var run) || run.Isolation == PluginIsolation.None)
        {
            return plugin;
        }
        var options = (host ?? new PluginHostOptions()) with
        {
            CallTimeout = TimeSpan.FromSeconds(run.CallTimeoutS),
            BatchEvents = Math.Max(1, actors.BatchSize),
        };
        try
        {
            return IsolatedSourcePlugin.Isolate(plugin, options);
        }
        catch (PluginException e)
        {
            throw new ConfigurationException(run.Location, $"engine_actors.plugins.{plugin.Name}", $"isolation: process: {e.Message}", e);
        }
    }

    /// <summary>Checks the isolation setting of every loaded plugin (a start-up check, also under <c>--dry-run</c>).</summary>
    public static void Check(EngineActorsConfig actors, PluginSet plugins)
    {
        foreach (var plugin in plugins.Plugins)
        {
            ForSessions(plugin, actors);
        }
    }
}
