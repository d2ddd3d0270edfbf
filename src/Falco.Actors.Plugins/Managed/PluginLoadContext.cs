using System.Reflection;
using System.Runtime.Loader;

namespace Falco.Actors.Plugins.Managed;

/// <summary>
/// The load context of one plugin assembly: its own dependencies come from its folder (via its .deps.json), while
/// every assembly the host already has (above all the Falco.Actors contracts) is shared, so the plugin's types
/// implement the host's <see cref="IManagedPlugin"/> and not a second copy of it.
/// </summary>
internal sealed class PluginLoadContext(string assemblyPath)
    : AssemblyLoadContext($"plugin:{Path.GetFileName(assemblyPath)}")
{
    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    protected override Assembly? Load(AssemblyName name)
    {
        if (IsShared(name))
        {
            return null;
        }
        var path = _resolver.ResolveAssemblyToPath(name);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static bool IsShared(AssemblyName name) =>
        name.Name is { } n
        && (n.StartsWith("Falco.Actors.", StringComparison.Ordinal)
            || Default.Assemblies.Any(a => string.Equals(a.GetName().Name, n, StringComparison.OrdinalIgnoreCase)));
}
