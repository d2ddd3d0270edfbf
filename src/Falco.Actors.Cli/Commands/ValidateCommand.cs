using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Cli.Commands;

/// <summary>
/// <c>-V/--validate &lt;file&gt;</c>: loads the rules files in order (as one set, like Falco) and prints, per file,
/// <c>&lt;file&gt;: Ok</c>, <c>&lt;file&gt;: Ok, with warnings</c> or <c>&lt;file&gt;: Invalid</c> followed by its
/// messages (file:line:column, item, code, text). Then, as Falco does, the plugin requirements of the rules are
/// checked against the loaded plugins (<paramref name="plugins"/> null: the command loaded none, so they are only
/// listed). Exit code 1 when anything is invalid or a requirement is unmet, else 0.
/// </summary>
public static class ValidateCommand
{
    /// <summary>
    /// <c>-V</c> as Falco runs it: with a configuration (<c>-c</c>, or <c>./falco.yaml</c> when present) its plugins
    /// are loaded first, so rules of their sources are compiled against their fields and the rules' plugin
    /// requirements are checked against them; without one, plugin sources are unknown and requirements only listed.
    /// </summary>
    public static int Run(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (options.ConfigFile is null && !File.Exists(ConfigurationStep.DefaultConfigFile))
        {
            return Run(options.Validate, new RulesLoaderOptions(), plugins: null, stdout, stderr);
        }
        var config = ConfigurationStep.Load(options, stderr);
        var plugins = PluginsStep.Load(config);
        var loaderOptions = new RulesLoaderOptions { Sources = RulesStep.Sources(plugins) };
        return Run(options.Validate, loaderOptions, RulesStep.Versions(plugins), stdout, stderr);
    }

    public static int Run(IReadOnlyList<string> files, RulesLoaderOptions options, IReadOnlyList<LoadedPluginVersion>? plugins,
        TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("Validating rules file(s):");
        foreach (var file in files)
        {
            stderr.WriteLine($"   {file}");
        }

        var result = new RulesLoader(options).LoadPaths(files);
        // As Falco logs each file's schema validation on stderr; stdout keeps Falco's summary.
        foreach (var mismatch in result.Files.SelectMany(f => f.SchemaWarnings))
        {
            stderr.WriteLine($"Warning: {mismatch}");
        }
        foreach (var file in result.Files)
        {
            var status = !file.Successful ? "Invalid" : file.HasWarnings ? "Ok, with warnings" : "Ok";
            stdout.WriteLine($"{file.Name}: {status}");
            foreach (var message in file.Messages.OrderBy(m => m.IsError ? 0 : 1))
            {
                stdout.WriteLine(message);
            }
        }

        if (!result.Successful)
        {
            return 1;
        }
        if (plugins is null)
        {
            foreach (var group in result.RequiredPluginVersions)
            {
                stderr.WriteLine($"Not checked (no plugin is loaded by this command): the rules require one of: {group}");
            }
            return 0;
        }
        var unmet = result.CheckPluginRequirements(plugins);
        if (unmet is not null)
        {
            stderr.WriteLine($"Error: {unmet}");
            return 1;
        }
        return 0;
    }
}
