using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Plugins.Managed;

namespace Falco.Actors.Plugins.Isolation;

/// <summary>
/// A native source plugin whose states live in plugin-host processes: each <see cref="CreateInstance"/> starts one
/// (<c>falco-actors --plugin-host</c>), which loads the library and inits its own state, and the stream opened on
/// it runs there too (open, next_batch, get_progress, close, destroy), whole batches crossing the pipe. A segfault,
/// abort, exit or hang of the plugin then fails the call with a <see cref="PluginException"/> (plugin, call,
/// signal) instead of the engine's process, and the engine's supervision restarts the session as it does for any
/// failing session. <see cref="Info"/> is the in-process plugin's: the engine still loads the library to read it,
/// and extraction stays in process (the evaluators' own states); these states have no extractor.
/// </summary>
public sealed class IsolatedSourcePlugin : IPlugin
{
    private readonly string _libraryFile;
    private readonly PluginHostOptions _options;

    private IsolatedSourcePlugin(PluginInfo info, string libraryFile, PluginHostOptions options)
    {
        Info = info;
        _libraryFile = libraryFile;
        _options = options;
    }

    public PluginInfo Info { get; }

    /// <summary>
    /// The same plugin run isolated; a plugin that is not a native source plugin is refused with a
    /// <see cref="PluginException"/> that says why.
    /// </summary>
    public static LoadedPlugin Isolate(LoadedPlugin plugin, PluginHostOptions options)
    {
        if (ManagedPluginLoader.IsManagedPath(plugin.LibraryFile))
        {
            throw new PluginException(
                $"plugin '{plugin.Name}' ({plugin.LibraryFile}) is a managed plugin: process isolation runs native (.so) plugins only (a managed plugin's failures are exceptions, which the session's supervision already restarts)");
        }
        if (!plugin.IsSource)
        {
            throw new PluginException(
                $"plugin '{plugin.Name}' ({plugin.LibraryFile}) is not a source plugin: process isolation runs source sessions only (extraction stays in process)");
        }
        return plugin with { Plugin = new IsolatedSourcePlugin(plugin.Info, plugin.LibraryFile, options) };
    }

    public IPluginInstance CreateInstance(string initConfig)
    {
        var host = PluginHostProcess.Start(Info.Name, _options);
        try
        {
            host.Request.Begin(HostMessage.Init);
            host.Request.WriteString(_libraryFile);
            host.Request.WriteString(initConfig);
            host.Expect(host.Call("init"), HostMessage.Done, "init");
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new IsolatedInstance(Info, host, _options.BatchEvents);
    }
}
