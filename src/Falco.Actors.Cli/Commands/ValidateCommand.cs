using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.Output;

namespace Falco.Actors.Cli.Commands;

/// <summary>
/// <c>-V/--validate &lt;file&gt;</c>: loads the rules files in order (as one set) and prints the result on stdout, as
/// Falco does. Text: per file <c>&lt;file&gt;: Ok</c>, <c>&lt;file&gt;: Invalid</c> followed by its messages
/// (file:line:column, item, code, text), or <c>&lt;file&gt;: Ok, with warnings</c>, whose warnings go to stderr
/// (Falco logs them; stdout keeps the summary). A file that is a YAML map gets Falco's hint (it looks like a
/// configuration). With <c>json_output</c>: one line <c>{"falco_load_results": [...]}</c> (see
/// <see cref="LoadResultJson"/>), plus <c>falco_describe_results</c> when <c>-L</c> or <c>-l</c> is also given. Then the
/// plugin requirements of the rules are checked against the loaded plugins (<paramref name="plugins"/> null: the
/// command loaded none, so they are only listed). Exit code 1 when anything is invalid or a requirement is unmet.
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
        var config = ConfigurationStep.Load(options, stderr);
        var describe = options.DescribeAllRules || options.DescribeRule is not null
            ? new Describe(options.DescribeRule)
            : null;
        if (options.ConfigFile is null && !File.Exists(ConfigurationStep.DefaultConfigFile))
        {
            return Run(options.Validate, new RulesLoaderOptions(), plugins: null, stdout, stderr, config.JsonOutput, describe);
        }
        var plugins = PluginsStep.Load(config);
        var loaderOptions = new RulesLoaderOptions { Sources = RulesStep.Sources(plugins) };
        // The rules compile with what the configuration adds to them (append_output), as Falco's engine does.
        return Run(options.Validate, loaderOptions, RulesStep.Versions(plugins), stdout, stderr, config.JsonOutput, describe,
            rules => EngineNode.CompileRules(new EngineSetup(config, plugins, rules), new EngineStatistics()));
    }

    /// <summary><c>-L</c> (no rule) or <c>-l &lt;rule&gt;</c> given with <c>-V</c>: described after a successful validation.</summary>
    public sealed record Describe(string? Rule);

    /// <param name="compile">Compiles the valid rules as a run would (null: they are only loaded).</param>
    public static int Run(IReadOnlyList<string> files, RulesLoaderOptions options, IReadOnlyList<LoadedPluginVersion>? plugins,
        TextWriter stdout, TextWriter stderr, bool json = false, Describe? describe = null, Action<RulesLoadResult>? compile = null)
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
        var described = result.Successful && describe is not null ? Description(result, describe, json) : null;
        if (json)
        {
            stdout.WriteLine(AsJson(result, described));
        }
        else
        {
            WriteText(result, stdout, stderr);
            if (described is not null)
            {
                stdout.WriteLine();
                stdout.Write(described);
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
        try
        {
            compile?.Invoke(result);
        }
        catch (ConfigurationException e)
        {
            stderr.WriteLine($"Error: {e.Message}");
            return 1;
        }
        return 0;
    }

    private static void WriteText(RulesLoadResult result, TextWriter stdout, TextWriter stderr)
    {
        foreach (var file in result.Files)
        {
            if (file.Successful && file.HasWarnings)
            {
                stdout.WriteLine($"{file.Name}: Ok, with warnings");
                foreach (var message in file.Messages)
                {
                    stderr.WriteLine(message);
                }
                continue;
            }
            stdout.WriteLine($"{file.Name}: {(file.Successful ? "Ok" : "Invalid")}");
            foreach (var message in file.Messages.OrderBy(m => m.IsError ? 0 : 1))
            {
                stdout.WriteLine(message);
            }
            if (!file.Successful && IsYamlMap(file.Name))
            {
                stdout.WriteLine("Hint: --validate expects a rules file, that is a YAML list of rule, macro, and list items. "
                                 + $"If this is a Falco configuration file, validate it and its configured rules with `falco-actors -c {file.Name} --dry-run` instead.");
            }
        }
    }

    private static string AsJson(RulesLoadResult result, string? described) => JsonText.Document(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("falco_load_results");
        foreach (var file in result.Files)
        {
            LoadResultJson.Write(json, file);
        }
        json.WriteEndArray();
        if (described is not null)
        {
            json.WritePropertyName("falco_describe_results");
            json.WriteRawValue(described);
        }
        json.WriteEndObject();
    });

    private static string Description(RulesLoadResult result, Describe describe, bool json)
    {
        var rules = describe.Rule is null
            ? result.Rules
            : result.Rules.Where(r => r.Name == describe.Rule).ToList() is { Count: > 0 } one
                ? one
                : throw new StartupException($"Rule \"{describe.Rule}\" is not loaded");
        return json
            ? RuleDescriptions.AsJson(result, rules, everything: describe.Rule is null)
            : RuleDescriptions.AsText(rules);
    }

    /// <summary>Whether the file's first document is a YAML map (a configuration given to -V by mistake).</summary>
    private static bool IsYamlMap(string file)
    {
        try
        {
            var first = File.ReadLines(file).Select(l => l.TrimStart()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#') && l != "---");
            return first is not null && !first.StartsWith('-') && first.Contains(':');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
