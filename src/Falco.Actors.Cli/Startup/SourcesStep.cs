using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Cli.Startup;

/// <summary>
/// Opens (and closes again) every source once before the run starts, as Falco opens its inspectors at start-up, so
/// that bad open_params or an init config the plugin refuses stop start-up at once with the plugin's error and the
/// configuration entry, instead of a session restarting with back-off. The run's own sessions are opened by the
/// source actors afterwards. A source whose plugin runs isolated is opened in a plugin-host process too, so a plugin
/// that crashes at open stops start-up with that error instead of the process.
/// </summary>
public static class SourcesStep
{
    public static void CheckOpen(FalcoConfiguration config, PluginSet plugins, IEnumerable<string> sources)
    {
        foreach (var source in sources)
        {
            LoadedPlugin plugin;
            try
            {
                plugin = SessionIsolation.ForSessions(plugins.FieldsOf(source).SourcePlugin!, config.EngineActors);
            }
            catch (ConfigurationException e)
            {
                throw new StartupException(e.Message, e);
            }
            try
            {
                using var instance = plugin.CreateInstance();
                using var session = instance.Open(plugin.OpenParams);
            }
            catch (PluginException e)
            {
                throw new StartupException(PluginsStep.Locate(config, $"source '{source}' cannot be opened: {e.Message}"), e);
            }
        }
    }
}
