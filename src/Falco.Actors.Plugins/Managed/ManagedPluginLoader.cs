using System.Collections.Concurrent;
using System.Reflection;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Managed;

/// <summary>
/// Loads a managed plugin from an assembly file (a falco.yaml <c>library_path</c> ending in <c>.dll</c>): the
/// plugins are the assembly's public, non-abstract types with a public parameterless constructor that implement
/// <see cref="IManagedPlugin"/>; the one whose <see cref="IManagedPlugin.Name"/> equals the configured name is used.
/// An assembly already loaded by the host (the same file) is used as is; any other gets its own load context,
/// shared by every plugin of that file.
/// </summary>
public static class ManagedPluginLoader
{
    private static readonly ConcurrentDictionary<string, Assembly> Loaded = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="libraryPath"/> names a managed plugin assembly.</summary>
    public static bool IsManagedPath(string libraryPath) =>
        libraryPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>The plugin named <paramref name="name"/> in the assembly at <paramref name="assemblyPath"/>.</summary>
    public static ManagedPlugin Load(string assemblyPath, string name)
    {
        var full = Path.GetFullPath(assemblyPath);
        if (!File.Exists(full))
        {
            throw new PluginException($"Cannot load plugin '{name}' from '{full}': file not found");
        }
        Assembly assembly;
        try
        {
            assembly = Loaded.GetOrAdd(full, LoadAssembly);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new PluginException($"Cannot load plugin '{name}' from '{full}': not a .NET assembly ({e.Message})", e);
        }
        var found = new List<string>();
        foreach (var type in PluginTypes(assembly))
        {
            IManagedPlugin plugin;
            try
            {
                plugin = (IManagedPlugin)Activator.CreateInstance(type)!;
            }
            catch (Exception e)
            {
                throw new PluginException(
                    $"Cannot load plugin '{name}' from '{full}': creating {type.FullName} failed: {(e.InnerException ?? e).Message}", e);
            }
            if (plugin.Name == name)
            {
                return new ManagedPlugin(plugin, $"{full} ({type.FullName})");
            }
            found.Add($"'{plugin.Name}' ({type.FullName})");
        }
        throw new PluginException(found.Count == 0
            ? $"Cannot load plugin '{name}' from '{full}': the assembly has no public type implementing {nameof(IManagedPlugin)}"
            : $"Cannot load plugin '{name}' from '{full}': no plugin in the assembly is named '{name}' (found {string.Join(", ", found)})");
    }

    private static Assembly LoadAssembly(string path)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && string.Equals(assembly.Location, path, StringComparison.Ordinal))
            {
                return assembly;
            }
        }
        return new PluginLoadContext(path).LoadFromAssemblyPath(path);
    }

    private static IEnumerable<Type> PluginTypes(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = [.. e.Types.OfType<Type>()];
        }
        return types
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
                        && typeof(IManagedPlugin).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
    }
}
