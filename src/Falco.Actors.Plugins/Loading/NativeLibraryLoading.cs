using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Native;

namespace Falco.Actors.Plugins.Loading;

/// <summary>The single place the plugin set calls the native host.</summary>
internal static class NativeLibraryLoading
{
    public static IPlugin Load(string path, PluginLogger? log) => NativePluginLoader.Load(path, log);
}
