using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Cli.Commands;

/// <summary>
/// <c>--version</c>: as Falco's print_version, before any plugin is loaded: text lines, or with <c>json_output</c> the
/// <see cref="VersionsInfo"/> object on one line. The configuration is read only for <c>json_output</c> (and <c>-o</c>).
/// </summary>
public static class VersionCommand
{
    public static int Run(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigurationStep.Load(options, stderr);
        if (config.JsonOutput)
        {
            stdout.WriteLine(VersionsInfo.Json([]));
            return 0;
        }
        stdout.WriteLine($"Falco.Actors version: {FalcoActorsVersion.Current}");
        stdout.WriteLine($"Plugin API:     {VersionsInfo.PluginApi}");
        stdout.WriteLine($"Engine:         {EngineVersion.Current}");
        return 0;
    }
}
