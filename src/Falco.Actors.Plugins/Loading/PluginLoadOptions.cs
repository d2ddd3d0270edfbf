namespace Falco.Actors.Plugins.Loading;

/// <summary>Where plugin files are looked for and how loading is reported.</summary>
public sealed record PluginLoadOptions
{
    /// <summary>Falco's default plugins directory (FALCO_ENGINE_PLUGINS_DIR).</summary>
    public const string DefaultPluginsDirectory = "/usr/share/falco/plugins";

    /// <summary>The configuration file the entries come from (relative library paths are looked for next to it first).</summary>
    public string? ConfigFile { get; init; }

    public string PluginsDirectory { get; init; } = DefaultPluginsDirectory;

    /// <summary>The application's base directory, the last place a relative library path is looked for.</summary>
    public string BaseDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>
    /// falco.yaml's <c>static_fields</c>: offered to every source as the string fields <c>static.&lt;name&gt;</c>
    /// (<see cref="Rules.Fields.Generic.StaticFields"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> StaticFields { get; init; } = new Dictionary<string, string>();

    /// <summary>Receives one line per plugin loaded ("Loading plugin 'x' from file y").</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Receives what native plugins log through the host's log callback.</summary>
    public Native.PluginLogger? PluginLog { get; init; }

    /// <summary>
    /// Loads a native plugin library (default: the native host, <c>NativePluginLoader.Load</c>). Replace it only to
    /// host plugins some other way.
    /// </summary>
    public Func<string, Native.PluginLogger?, Abstractions.IPlugin> LoadNative { get; init; } = NativeLibraryLoading.Load;

    /// <summary>
    /// Loads a managed plugin assembly (a path ending in <c>.dll</c>) by the configured name (default:
    /// <c>ManagedPluginLoader.Load</c>). Replace it only to host plugins some other way.
    /// </summary>
    public Func<string, string, Abstractions.IPlugin> LoadManaged { get; init; } = Managed.ManagedPluginLoader.Load;
}
