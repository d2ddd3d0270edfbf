namespace Falco.Actors.Plugins.Abstractions;

/// <summary>
/// A loaded plugin (a native library or a managed plugin type). Its <see cref="Info"/> may be read from any
/// thread; states are created with <see cref="CreateInstance"/>, one per owner.
/// </summary>
public interface IPlugin
{
    PluginInfo Info { get; }

    /// <summary>
    /// Initialises a new plugin state with the init config (a JSON text; empty means <c>{}</c>).
    /// Throws <see cref="PluginException"/> with the plugin's own error message when init fails.
    /// </summary>
    IPluginInstance CreateInstance(string initConfig);
}
