using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Loading;

/// <summary>The single place the plugin set calls the native host (branch <c>native</c>).</summary>
internal static class NativeLibraryLoading
{
    public static IPlugin Load(string path, Action<string>? log) =>
        // NATIVE HOST: replace this body with `Native.NativePluginLoader.Load(path, log)` once branch `native` is merged.
        throw new PluginException($"Cannot load plugin from '{path}': this build has no native plugin host");
}
