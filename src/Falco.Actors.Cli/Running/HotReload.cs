using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Cli.Running;

/// <summary>
/// The command line's side of hot reload and of reopening the outputs. <see cref="Load"/> is the engine's
/// <see cref="EngineSetup.Reload"/>: falco.yaml (with the same <c>-o</c> options and <c>-r</c> files) and the rules
/// are read again by the start-up steps themselves, against the plugins loaded at the start. Once attached to the
/// run, SIGHUP and (with <c>watch_config_files</c>) a change of a file read ask the engine to reload; SIGUSR1 asks
/// it to reopen the outputs. The engine logs how each reload ended.
/// </summary>
public sealed class HotReload : IDisposable
{
    private readonly CliOptions _options;
    private readonly PluginSet _plugins;
    private readonly TextWriter _stderr;
    private readonly ConfigWatcher? _watcher;
    private RunSignals? _signals;
    private volatile EngineRun? _run;

    public HotReload(CliOptions options, FalcoConfiguration config, PluginSet plugins, RulesLoadResult rules, TextWriter stderr)
    {
        _options = options;
        _plugins = plugins;
        _stderr = stderr;
        if (config.WatchConfigFiles)
        {
            _watcher = new ConfigWatcher(() => Reload("A configuration or rules file changed"), warning => _stderr.WriteLine($"Warning: {warning}"));
            Watch(config, rules);
        }
    }

    /// <summary>Reads the configuration and the rules again; throws, with file and line, when they cannot be loaded.</summary>
    public RulesReload Load(CancellationToken cancellationToken)
    {
        var config = ConfigurationStep.Load(_options, _stderr);
        cancellationToken.ThrowIfCancellationRequested();
        var rules = RulesStep.Load(config, _plugins, _stderr);
        // The rules files may have changed (rules_files edited, files added to a folder): watch those read now.
        Watch(config, rules);
        return new RulesReload(config, rules);
    }

    /// <summary>From now on signals and file changes go to <paramref name="run"/>.</summary>
    public void Attach(EngineRun run, RunSignals? signals)
    {
        _run = run;
        _signals = signals;
        if (signals is not null)
        {
            signals.Reload += OnHangup;
            signals.Reopen += OnReopen;
        }
    }

    public void Dispose()
    {
        if (_signals is not null)
        {
            _signals.Reload -= OnHangup;
            _signals.Reopen -= OnReopen;
        }
        _run = null;
        _watcher?.Dispose();
    }

    /// <summary>
    /// Watches every configuration file read, every rules file read, the rules folders and the config_files folders
    /// (a file added to /etc/falco/config.d or rules.d reloads too).
    /// </summary>
    private void Watch(FalcoConfiguration config, RulesLoadResult rules) =>
        _watcher?.Watch(
            config.ConfigFilesRead.Concat(rules.Files.Select(f => f.Name).Where(File.Exists)),
            config.RulesFiles.Select(r => r.Resolved).Where(Directory.Exists).Concat(config.ConfigFoldersRead));

    private void OnHangup() => Reload("SIGHUP received");

    private void OnReopen()
    {
        if (_run is { } run)
        {
            _stderr.WriteLine("SIGUSR1 received, reopening outputs...");
            run.ReopenOutputs();
        }
    }

    private void Reload(string why)
    {
        if (_run is not { } run)
        {
            return;
        }
        // Falco: "SIGHUP received, restarting..."; here the sources keep running and only the rules are replaced.
        _stderr.WriteLine($"{why}, reloading the configuration and rules...");
        run.ReloadRulesAsync().ContinueWith(t => _stderr.WriteLine($"Error: the reload did not answer: {t.Exception!.GetBaseException().Message}"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
