using Falco.Actors.Cli.Commands;
using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Redaction;
using Falco.Actors.Engine.State;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Cli;

/// <summary>
/// The <c>falco-actors</c> command line: options in, exit code out (Falco's: 0 ok, 1 error). The information
/// commands run in Falco's order (help, version, --support, --list-plugins, --plugin-info, --list, -V, -L/-l), else the run.
/// </summary>
public static class CommandLine
{
    /// <param name="interactive">stderr is a terminal: a finite run may draw a progress line there.</param>
    /// <param name="stop">Stops a run gracefully (SIGINT/SIGTERM).</param>
    /// <param name="signals">SIGHUP and SIGUSR1, for a run (<see cref="Running.HotReload"/>); null: none.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false, CancellationToken stop = default,
        Running.RunSignals? signals = null)
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
            return Dispatch(options, stdout, stderr, interactive, stop, signals);
        }
        catch (Exception e) when (e is StartupException or ConfigurationException or PluginException or TimeoutException or EngineStateException or ClusterTlsException)
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

    private static int Dispatch(CliOptions options, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken stop,
        Running.RunSignals? signals)
    {
        if (options.Help)
        {
            stdout.Write(HelpText.Text);
            return 0;
        }
        if (options.Version)
        {
            return VersionCommand.Run(options, stdout, stderr);
        }
        if (options.Support)
        {
            return SupportCommand.Run(options, stdout, stderr);
        }
        if (options.PrintConfigSchema)
        {
            stdout.WriteLine(Falco.Actors.Engine.Configuration.Schema.ConfigSchema.Text.TrimEnd());
            return 0;
        }
        if (options.PrintRuleSchema)
        {
            stdout.WriteLine(Falco.Actors.Rules.Loading.Schema.RulesSchema.Schema.Text.TrimEnd());
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
        return RunCommand.Run(options, stdout, stderr, interactive, stop, signals);
    }
}
