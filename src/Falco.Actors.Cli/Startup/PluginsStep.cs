using Falco.Actors.Engine.Configuration;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Cli.Startup;

/// <summary>
/// Loads the plugins of a configuration. A relative <c>library_path</c> is looked for next to the configuration
/// file, then in the plugins directory, then next to <c>falco-actors</c> (where the bundled managed plugins are).
/// Errors name the configuration file, the line and the <c>plugins[i]</c> entry.
/// </summary>
public static class PluginsStep
{
    public static PluginSet Load(FalcoConfiguration config, TextWriter? log = null)
    {
        var options = LoadOptions(config, log);
        try
        {
            return PluginSet.Load(Entries(config), config.LoadPlugins, options);
        }
        catch (PluginException e)
        {
            throw new StartupException(Locate(config, e.Message), e);
        }
    }

    public static PluginLoadOptions LoadOptions(FalcoConfiguration config, TextWriter? log = null) => new()
    {
        ConfigFile = ConfigurationStep.FileOf(config),
        PluginsDirectory = Environment.GetEnvironmentVariable("FALCO_ENGINE_PLUGINS_DIR") is { Length: > 0 } dir
            ? dir
            : PluginLoadOptions.DefaultPluginsDirectory,
        Log = log is null ? null : line => log.WriteLine(line),
        StaticFields = config.StaticFields,
    };

    /// <summary>The entries as written: the raw library path, so that the resolver's search order applies.</summary>
    public static IReadOnlyList<PluginConfigEntry> Entries(FalcoConfiguration config) =>
        [.. config.Plugins.Select(p => new PluginConfigEntry(p.Name, p.LibraryPath.Raw, p.InitConfig, p.OpenParams))];

    /// <summary>Prefixes a plugin error with the location of the entry it names (<c>file:line:col: plugins[i]: </c>).</summary>
    public static string Locate(FalcoConfiguration config, string message)
    {
        for (var i = 0; i < config.Plugins.Count; i++)
        {
            var plugin = config.Plugins[i];
            if (message.Contains($"'{plugin.Name}'", StringComparison.Ordinal))
            {
                return $"{plugin.Location}: plugins[{i}]: {message}";
            }
        }
        return $"{config.FilePath}: plugins: {message}";
    }
}
