using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Cli.Startup;

/// <summary>
/// Loads the rules files of a configuration for the loaded plugins' sources, prints warnings, and stops start-up on
/// an error (each message names file:line:column and the item) or an unmet <c>required_plugin_versions</c>.
/// </summary>
public static class RulesStep
{
    public static RulesLoadResult Load(FalcoConfiguration config, PluginSet plugins, TextWriter stderr)
    {
        if (config.RulesFiles.Count == 0)
        {
            throw new StartupException($"{config.FilePath}: rules_files: no rules file is configured (set rules_files or pass -r)");
        }
        var result = EngineSetup.LoadRules(config, plugins);
        foreach (var file in result.Files)
        {
            stderr.WriteLine($"Loading rules from file {file.Name}");
            foreach (var mismatch in file.SchemaWarnings)
            {
                stderr.WriteLine($"Warning: {mismatch}");
            }
        }
        foreach (var warning in result.Warnings)
        {
            stderr.WriteLine($"Warning: {warning}");
        }
        if (!result.Successful)
        {
            var errors = result.Errors.ToList();
            throw new StartupException(
                $"Could not load rules: {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
        var unmet = result.CheckPluginRequirements(Versions(plugins));
        if (unmet is not null)
        {
            throw new StartupException(unmet);
        }
        // Falco logs each selection of falco.yaml's rules: as it applies it (the engine applies them when it compiles).
        foreach (var selection in config.RulesSelection)
        {
            var verb = selection.Enable ? "Enabling" : "Disabling";
            if (!string.IsNullOrEmpty(selection.RuleName))
            {
                stderr.WriteLine($"{verb} rules with name: {selection.RuleName}");
            }
            if (!string.IsNullOrEmpty(selection.Tag))
            {
                stderr.WriteLine($"{verb} rules with tag: {selection.Tag}");
            }
        }
        return result;
    }

    public static IReadOnlyList<LoadedPluginVersion> Versions(PluginSet plugins) =>
        [.. plugins.Versions.Select(v => new LoadedPluginVersion(v.Name, v.Version))];

    /// <summary>The sources of the loaded plugins, each with its fields, for the rules loader.</summary>
    public static RuleSourceSet Sources(PluginSet plugins)
    {
        var sources = new RuleSourceSet();
        foreach (var source in plugins.Sources)
        {
            sources.Add(plugins.FieldsOf(source).Registry);
        }
        return sources;
    }
}
