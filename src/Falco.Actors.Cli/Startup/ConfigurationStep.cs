using Falco.Actors.Cli.Options;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Cli.Startup;

/// <summary>
/// Loads falco.yaml as Falco does: <c>-c</c>, else <c>./falco.yaml</c> when present (Falco's is
/// /etc/falco/falco.yaml), else the built-in defaults; then applies <c>-o</c>, and <c>-r</c> replaces
/// <c>rules_files</c> (paths relative to the current folder).
/// </summary>
public static class ConfigurationStep
{
    public const string DefaultConfigFile = "falco.yaml";

    public static FalcoConfiguration Load(CliOptions options, TextWriter stderr)
    {
        var path = options.ConfigFile ?? (File.Exists(DefaultConfigFile) ? DefaultConfigFile : null);
        FalcoConfiguration config;
        try
        {
            config = path is null
                ? FalcoConfigurationLoader.LoadText("", "<defaults>", Directory.GetCurrentDirectory(), options.ConfigOverrides)
                : FalcoConfigurationLoader.LoadFile(path, options.ConfigOverrides);
        }
        catch (ConfigurationException e)
        {
            throw new StartupException(e.Message, e);
        }
        Falco.Actors.Engine.Redaction.Secrets.RegisterFrom(config);
        foreach (var warning in config.Warnings)
        {
            stderr.WriteLine($"Warning: {warning}");
        }
        if (options.RulesFiles.Count > 0)
        {
            var here = Directory.GetCurrentDirectory();
            config = config with { RulesFiles = [.. options.RulesFiles.Select(r => ConfigPath.Resolve(r, here))] };
        }
        return config;
    }

    /// <summary>The file the configuration was read from, or null for the built-in defaults.</summary>
    public static string? FileOf(FalcoConfiguration config) => File.Exists(config.FilePath) ? config.FilePath : null;
}
