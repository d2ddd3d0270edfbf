using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;

namespace Falco.Actors.Cli.Commands;

/// <summary><c>--list-plugins</c>: the plugins the configuration loads, in Falco's layout.</summary>
public static class ListPluginsCommand
{
    public static int Run(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigurationStep.Load(options, stderr);
        var plugins = PluginsStep.Load(config);
        var blocks = string.Concat(plugins.Plugins.Select(p => PluginText.Describe(p.Info) + "\n"));
        stdout.Write($"{plugins.Plugins.Count} Plugins Loaded:\n\n{blocks}\n");
        return 0;
    }
}
