using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;

namespace Falco.Actors.Cli.Commands;

/// <summary><c>-l &lt;rule&gt;</c>: one loaded rule, as <c>-L</c> prints it (JSON with <c>json_output</c>).</summary>
public static class DescribeRuleCommand
{
    public static int Run(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigurationStep.Load(options, stderr);
        var plugins = PluginsStep.Load(config);
        var rules = RulesStep.Load(config, plugins, stderr);
        var name = options.DescribeRule!;
        var rule = rules.Rules.FirstOrDefault(r => r.Name == name)
                   ?? throw new StartupException($"Rule \"{name}\" is not loaded");
        stdout.Write(config.JsonOutput
            ? RuleDescriptions.AsJson(rules, [rule], everything: false) + "\n"
            : RuleDescriptions.AsText([rule]));
        return 0;
    }
}
