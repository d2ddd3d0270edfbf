using Falco.Actors.Engine.Configuration.Schema;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Loads falco.yaml into a <see cref="FalcoConfiguration"/> in Falco's order: parse the YAML and check it against
/// <see cref="ConfigSchema"/> (warnings), apply the <c>-o config_files…</c> options, merge the files of
/// <c>config_files</c> (<see cref="ConfigIncludes"/>, each checked too), apply the other <c>-o key=value</c> options
/// to the tree, then bind every key with its file position. Relative paths (<c>rules_files</c>,
/// <c>file_output.filename</c>, <c>plugins[].library_path</c>) are resolved against the folder of the
/// configuration file; the text as written is kept in <see cref="ConfigPath.Raw"/>.
/// </summary>
public static class FalcoConfigurationLoader
{
    /// <summary>Falco's default rules files, used when neither <c>rules_files</c> nor <c>rules_file</c> is set.</summary>
    public static readonly IReadOnlyList<string> DefaultRulesFiles =
        ["/etc/falco/falco_rules.yaml", "/etc/falco/falco_rules.local.yaml", "/etc/falco/rules.d"];

    /// <summary>Loads a configuration file, then applies <paramref name="options"/> (<c>-o key=value</c>, in order).</summary>
    public static FalcoConfiguration LoadFile(string path, IEnumerable<string>? options = null)
    {
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigurationException(full, "configuration file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(full, $"cannot read the configuration file: {e.Message}", e);
        }
        return Load(text, full, Path.GetDirectoryName(full)!, options, mainFile: full);
    }

    /// <summary>
    /// Loads configuration text; <paramref name="fileName"/> names it in errors and <paramref name="baseDirectory"/>
    /// resolves its relative paths.
    /// </summary>
    public static FalcoConfiguration LoadText(string yaml, string fileName, string baseDirectory, IEnumerable<string>? options = null) =>
        Load(yaml, fileName, baseDirectory, options, mainFile: null);

    /// <param name="mainFile">The full path of the file <paramref name="yaml"/> was read from; null for text from memory.</param>
    private static FalcoConfiguration Load(string yaml, string fileName, string baseDirectory, IEnumerable<string>? options, string? mainFile)
    {
        var document = ConfigDocument.Parse(yaml, fileName);
        var warnings = new List<ConfigWarning>(ConfigSchema.Check(document));
        // As Falco: the -o options that set config_files first, then the merge, then every other -o option.
        var all = options?.ToList() ?? [];
        var (includes, others) = (all.Where(IsIncludeOption).ToList(), all.Where(o => !IsIncludeOption(o)).ToList());
        ConfigOverrides.Apply(document, includes);
        var included = ConfigIncludes.Merge(document, baseDirectory, mainFile, warnings);
        ConfigOverrides.Apply(document, others);
        var configuration = Bind(new ConfigMap(document, document.Root, ""), baseDirectory);
        return configuration with
        {
            Warnings = [.. warnings, .. configuration.Warnings],
            ConfigFilesRead = mainFile is null ? included.Files : [mainFile, .. included.Files],
            ConfigFoldersRead = included.Folders,
        };
    }

    private static bool IsIncludeOption(string option) => option.StartsWith(ConfigIncludes.Key, StringComparison.Ordinal);

    /// <summary>Binds every key of <see cref="FalcoYamlKeys"/>, in order, over the defaults.</summary>
    private static FalcoConfiguration Bind(ConfigMap root, string baseDirectory)
    {
        var configuration = new FalcoConfiguration { FilePath = root.Document.File };
        foreach (var key in FalcoYamlKeys.All)
        {
            configuration = key.Bind(root, configuration, baseDirectory);
        }
        return configuration with
        {
            UnknownKeys = [.. root.Keys.Select(k => k.Key).Where(k => !FalcoYamlKeys.IsKnown(k))],
            KeyTexts = ConfigKeyText.Of(root.Document.Root),
        };
    }
}
