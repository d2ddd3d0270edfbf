using Falco.Actors.Engine.Configuration.Schema;
using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Falco's <c>config_files</c>: more configuration files (or folders of them) merged into the main file's tree
/// before it is bound, each entry a path or <c>{path, strategy}</c>. A folder contributes its regular files, sorted
/// by full path (every file, whatever its name, as Falco reads them); a path that does not exist is skipped, as
/// Falco skips it. Each file's top-level keys are merged in order by the entry's strategy: <c>append</c> (the
/// default: a list is appended to the list already there, anything else replaces it), <c>override</c> (replaces)
/// or <c>add-only</c> (only keys not yet set). An included file may not list <c>config_files</c> itself, nor may the
/// main file include itself. Relative paths resolve against the main file's folder.
/// </summary>
internal static class ConfigIncludes
{
    public const string Key = "config_files";

    private enum Strategy
    {
        Append,
        Override,
        AddOnly,
    }

    /// <summary>What the merge read: the files (in merge order) and the folders listed.</summary>
    public sealed record Included(IReadOnlyList<string> Files, IReadOnlyList<string> Folders);

    /// <summary>Merges every entry of <c>config_files</c> into <paramref name="main"/>; schema warnings of the included files go to <paramref name="warnings"/>.</summary>
    public static Included Merge(ConfigDocument main, string baseDirectory, string? mainFile, List<ConfigWarning> warnings)
    {
        var root = new ConfigMap(main, main.Root, "");
        var entries = root.List(Key) ?? [];
        var files = new List<string>();
        var folders = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (path, strategy) = Entry(root, entries[i], $"{Key}[{i}]");
            var full = ConfigPath.Resolve(path, baseDirectory).Resolved;
            if (mainFile is not null && full == mainFile)
            {
                throw root.Error(entries[i], $"{Key}[{i}]",
                    $"'{Key}' directive tried to recursively include main config file: {mainFile}");
            }
            if (File.Exists(full))
            {
                files.Add(full);
                Include(main, full, strategy, warnings);
            }
            else if (Directory.Exists(full))
            {
                folders.Add(full);
                foreach (var file in Directory.EnumerateFiles(full).Where(File.Exists).Order(StringComparer.Ordinal))
                {
                    files.Add(file);
                    Include(main, file, strategy, warnings);
                }
            }
        }
        return new Included(files, folders);
    }

    private static (string Path, Strategy Strategy) Entry(ConfigMap root, YamlNode entry, string keyPath)
    {
        if (entry is YamlScalarNode s)
        {
            return (s.Value ?? "", Strategy.Append);
        }
        if (entry is not YamlMappingNode map)
        {
            throw root.Error(entry, keyPath, $"expected a path or a map with path and strategy, got {ConfigDocument.Describe(entry)}");
        }
        var item = new ConfigMap(root.Document, map, keyPath);
        var path = item.String("path", "");
        if (path.Length == 0)
        {
            throw new ConfigurationException(item.Location, item.PathOf("path"), "missing required key 'path'");
        }
        var strategy = item.String("strategy", "append") switch
        {
            "append" => Strategy.Append,
            "override" => Strategy.Override,
            "add-only" => Strategy.AddOnly,
            var other => throw item.Error("strategy", $"Unknown strategy \"{other}\"--must be one of append, override, add-only"),
        };
        return (path, strategy);
    }

    private static void Include(ConfigDocument main, string file, Strategy strategy, List<ConfigWarning> warnings)
    {
        var included = ConfigDocument.Parse(Read(file), file);
        warnings.AddRange(ConfigSchema.Check(included));
        main.MarkFromFile(included.Root, file);
        foreach (var (keyNode, value) in included.Root.Children)
        {
            var key = keyNode is YamlScalarNode s ? s.Value ?? "" : "";
            if (key == Key)
            {
                throw new ConfigurationException(included.LocationOf(keyNode), Key,
                    $"'{Key}' directive in included config file {file} (only the main configuration file may list them)");
            }
            var existing = main.Root.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } name } && name == key);
            switch (strategy)
            {
                case Strategy.Append when existing is not null && main.Root.Children[existing] is YamlSequenceNode list
                                          && value is YamlSequenceNode more:
                    foreach (var item in more.Children)
                    {
                        list.Add(item);
                    }
                    break;
                case Strategy.AddOnly when existing is not null:
                    break;
                default:
                    if (existing is null)
                    {
                        main.Root.Add(keyNode, value);
                    }
                    else
                    {
                        main.Root.Children[existing] = value;
                    }
                    break;
            }
        }
    }

    private static string Read(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(file, $"cannot read the configuration file (listed in {Key}): {e.Message}", e);
        }
    }
}
