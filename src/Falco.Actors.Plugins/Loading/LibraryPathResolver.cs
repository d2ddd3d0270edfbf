using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Loading;

/// <summary>
/// Resolves a falco.yaml <c>library_path</c>. An absolute path is used as is. A relative one is looked for, in order,
/// next to the configuration file, in the plugins directory (Falco's rule for native libraries) and in the
/// application's base directory; the first existing file wins. Under the plugins directory a relative path may not
/// climb out of it (<c>..</c>), as current Falco refuses. The file found must pass <see cref="LibraryFileGuard"/>.
/// </summary>
public static class LibraryPathResolver
{
    public static string Resolve(PluginConfigEntry entry, PluginLoadOptions options)
    {
        var file = Find(entry, options);
        LibraryFileGuard.Check(entry.Name, file);
        return file;
    }

    private static string Find(PluginConfigEntry entry, PluginLoadOptions options)
    {
        var path = entry.LibraryPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new PluginException($"Cannot load plugin '{entry.Name}': library_path is empty{InConfig(options)}");
        }
        if (Path.IsPathRooted(path))
        {
            return File.Exists(path)
                ? Path.GetFullPath(path)
                : throw new PluginException($"Cannot load plugin '{entry.Name}' from '{path}': file not found{InConfig(options)}");
        }
        var candidates = new List<string>();
        foreach (var (folder, isPluginsDirectory) in Folders(options))
        {
            var root = Path.GetFullPath(folder);
            var candidate = Path.GetFullPath(Path.Combine(root, path));
            if (isPluginsDirectory && !candidate.StartsWith(
                    root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                // Falco refuses relative paths that climb out of the plugins directory.
                continue;
            }
            candidates.Add(candidate);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new PluginException(
            $"Cannot load plugin '{entry.Name}' from '{path}': file not found (looked for {string.Join(", ", candidates.Select(c => $"'{c}'"))}){InConfig(options)}");
    }

    private static IEnumerable<(string Folder, bool IsPluginsDirectory)> Folders(PluginLoadOptions options)
    {
        if (options.ConfigFile is { } config && Path.GetDirectoryName(Path.GetFullPath(config)) is { } folder)
        {
            yield return (folder, false);
        }
        yield return (options.PluginsDirectory, true);
        yield return (options.BaseDirectory, false);
    }

    private static string InConfig(PluginLoadOptions options) =>
        options.ConfigFile is null ? "" : $" (in {options.ConfigFile})";
}
