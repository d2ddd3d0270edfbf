using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;

namespace Falco.Actors.Cli.Commands;

/// <summary><c>-L</c>: every loaded rule's name and description (JSON details with <c>json_output</c>).</summary>
public static class ListRulesCommand
{
    public static int Run(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigurationStep.Load(options, stderr);
        var plugins = PluginsStep.Load(config);
        var rules = RulesStep.Load(config, plugins, stderr);
        stdout.Write(config.JsonOutput
            ? RuleDescriptions.AsJson(rules, rules.Rules, everything: true) + "\n"
            : RuleDescriptions.AsText(rules.Rules));
        return 0;
    }
}
