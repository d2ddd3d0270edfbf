namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Loads falco.yaml into a <see cref="FalcoConfiguration"/>: parse the YAML, apply the <c>-o key=value</c>
/// options to the tree, then bind every key with its file position. Relative paths (<c>rules_files</c>,
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
        return LoadText(text, full, Path.GetDirectoryName(full)!, options);
    }

    /// <summary>
    /// Loads configuration text; <paramref name="fileName"/> names it in errors and <paramref name="baseDirectory"/>
    /// resolves its relative paths.
    /// </summary>
    public static FalcoConfiguration LoadText(string yaml, string fileName, string baseDirectory, IEnumerable<string>? options = null)
    {
        var document = ConfigDocument.Parse(yaml, fileName);
        ConfigOverrides.Apply(document, options ?? []);
        return Bind(new ConfigMap(document, document.Root, ""), baseDirectory);
    }

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
