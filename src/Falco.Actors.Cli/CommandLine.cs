using Falco.Actors.Cli.Commands;
using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Redaction;
using Falco.Actors.Engine.State;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Cli;

/// <summary>
/// The <c>falco-actors</c> command line: options in, exit code out (Falco's: 0 ok, 1 error). The information
/// commands run in Falco's order (help, version, --list-plugins, --plugin-info, --list, -V, -L/-l), else the run.
/// </summary>
public static class CommandLine
{
    public static string Version => FalcoActorsVersion.Current;

    /// <param name="interactive">stderr is a terminal: a finite run may draw a progress line there.</param>
    /// <param name="stop">Stops a run gracefully (SIGINT/SIGTERM).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false, CancellationToken stop = default)
    {
        // Every message and log line is redacted (stdout carries alerts, which stay as written).
        Secrets.RegisterEnvironment();
        stderr = RedactingWriter.Over(stderr);
        CliOptions options;
        try
        {
            options = OptionsParser.Parse(args);
        }
        catch (OptionsException e)
        {
            stderr.WriteLine($"Error: {e.Message}");
            return 1;
        }
        try
        {
            return Dispatch(options, stdout, stderr, interactive, stop);
        }
        catch (Exception e) when (e is StartupException or PluginException or TimeoutException or EngineStateException or ClusterTlsException)
        {
            stderr.WriteLine($"Error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            stderr.WriteLine("Stopped before the run started");
            return 0;
        }
        catch (Exception e)
        {
            // Anything unexpected still ends like Falco: one error line and exit code 1 (the type helps a bug report).
            stderr.WriteLine($"Error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
        finally
        {
            stdout.Flush();
            stderr.Flush();
        }
    }

    private static int Dispatch(CliOptions options, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken stop)
    {
        if (options.Help)
        {
            stdout.Write(HelpText.Text);
            return 0;
        }
        if (options.Version)
        {
            stdout.WriteLine($"Falco.Actors version: {Version}");
            stdout.WriteLine($"Engine:         {EngineVersion.Current}");
            return 0;
        }
        if (options.ListPlugins)
        {
            return ListPluginsCommand.Run(options, stdout, stderr);
        }
        if (options.PluginInfo is not null)
        {
            return PluginInfoCommand.Run(options, stdout, stderr);
        }
        if (options.ListFields)
        {
            return ListFieldsCommand.Run(options, stdout, stderr);
        }
        if (options.Validate.Count > 0)
        {
            return ValidateCommand.Run(options, stdout, stderr);
        }
        if (options.DescribeAllRules)
        {
            return ListRulesCommand.Run(options, stdout, stderr);
        }
        if (options.DescribeRule is not null)
        {
            return DescribeRuleCommand.Run(options, stdout, stderr);
        }
        return RunCommand.Run(options, stdout, stderr, interactive, stop);
    }
}
