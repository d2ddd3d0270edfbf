using Falco.Actors.Cli.Capture;
using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Running;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.State;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Cli.Commands;

/// <summary>
/// The main job: load falco.yaml, the plugins and the rules (any error stops start-up, exit 1), start the engine,
/// write alerts to the configured outputs and exit 0 when every source has ended (as Falco does on a finite source),
/// when <c>-M</c> seconds have passed or when <paramref name="stop"/> fires (SIGINT/SIGTERM: graceful, everything
/// accepted is still evaluated and written, sessions closed, states destroyed); 1 when a source was given up or an
/// output lost alerts (stricter than Falco, which exits 0: the summary names the output and what it lost). An output
/// that cannot be opened is a start-up error (exit 1), under <c>--dry-run</c> too.
/// <c>-e</c> replays a capture through the rules instead of opening the sources, <c>-w</c> records what the run
/// consumed, <c>--dry-run</c> loads and checks everything and runs nothing.
/// </summary>
public static class RunCommand
{
    /// <param name="signals">SIGHUP (reload) and SIGUSR1 (reopen the outputs) while the engine runs; null: none.</param>
    public static int Run(CliOptions options, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken stop,
        RunSignals? signals = null) =>
        RunAsync(options, stdout, stderr, interactive, stop, signals).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(CliOptions options, TextWriter stdout, TextWriter stderr, bool interactive, CancellationToken stop,
        RunSignals? signals)
    {
        var config = ConfigurationStep.Load(options, stderr);
        var plugins = PluginsStep.Load(config, stderr);
        var rules = RulesStep.Load(config, plugins, stderr);
        if (plugins.Sources.Count == 0)
        {
            throw new StartupException(
                $"{config.FilePath}: plugins: no source plugin is loaded, so there is no event source to open (configure plugins and load_plugins)");
        }
        var sources = SourceSelection.Select(plugins.Sources, options);
        if (options.ReplayCapture is { } capture)
        {
            CaptureReplaySession.Check(capture, plugins.SourcesById);
        }
        else
        {
            SourcesStep.CheckOpen(config, plugins, sources);
        }
        stderr.WriteLine($"Loaded event sources: {string.Join(", ", plugins.Sources)}");
        stderr.WriteLine($"Enabled event sources: {string.Join(", ", sources)}");
        var setup = new EngineSetup(config, plugins, rules) { Sources = sources };

        // stdout_output writes to this command's standard output writer, so tests and embedders see the alerts.
        var outputs = new AlertSinkOptions { Stdout = stdout, Unbuffered = options.Unbuffered, Errors = stderr };
        if (options.DryRun)
        {
            return DryRun(setup, rules, outputs, stderr);
        }

        // The saved state is read, and the file output repaired, before the outputs open.
        setup = setup with { State = StateFolder.Open(config, stderr) };
        var sinks = CreateSinks(setup, outputs);
        PidFile.Write(options.PidFile);
        using var reload = new HotReload(options, config, plugins, rules, stderr);
        var recorder = CreateRecorder(options.WriteCapture);
        var progresses = new List<SourceProgress>();
        var showProgress = interactive && !options.Unbuffered;
        try
        {
            setup = setup with
            {
                Sinks = sinks,
                Reload = reload.Load,
                ConfigureSource = options.ReplayCapture is null && recorder is null && !showProgress
                    ? null
                    : settings => Tap(settings, options.ReplayCapture, recorder, showProgress ? Track(progresses) : null),
            };
            EngineResult result;
            var run = await FalcoEngine.StartAsync(setup, stop);
            await using (run.ConfigureAwait(false))
            {
                reload.Attach(run, signals);
                await using var stopOnSignal = stop.Register(() => _ = run.StopAsync());
                using var deadline = new CancellationTokenSource();
                if (options.DurationSeconds > 0)
                {
                    deadline.Token.Register(() => _ = run.StopAsync());
                    deadline.CancelAfter(TimeSpan.FromSeconds(options.DurationSeconds));
                }
                var progress = showProgress ? new ProgressLine(stderr, run.Statistics, progresses) : null;
                try
                {
                    result = await run.Completion;
                }
                finally
                {
                    if (progress is not null)
                    {
                        await progress.DisposeAsync();
                    }
                }
            }
            recorder?.Dispose();
            Report(result, recorder, stderr);
            // Falco's block of detections by priority and rule, after our summary; on stderr, unlike Falco (stdout),
            // because our stdout carries the alerts only (docs/cli.md).
            stderr.Write(DetectionCounts.Format(result.Statistics, rules.Rules.Select(r => r.Name)));
            return result.ExitCode;
        }
        finally
        {
            recorder?.Dispose();
            foreach (var sink in sinks)
            {
                await sink.DisposeAsync();
            }
        }
    }

    private static int DryRun(EngineSetup setup, RulesLoadResult rules, AlertSinkOptions outputs, TextWriter stderr)
    {
        // Compile every source's rules and outputs as a run would, and set up (then close) the outputs.
        var compiled = EngineNode.CompileRules(setup, new EngineStatistics());
        StateFolder.Check(setup.Configuration);
        foreach (var sink in CreateSinks(setup, outputs))
        {
            sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        stderr.WriteLine($"Dry run: configuration, {setup.Plugins.Plugins.Count} plugin(s) and {rules.Rules.Count} rule(s) loaded, {compiled.Sources.Sum(s => compiled.For(s).RuleSet.ActiveRules.Count)} enabled; nothing was run");
        return 0;
    }

    private static IReadOnlyList<RetryingAlertSink> CreateSinks(EngineSetup setup, AlertSinkOptions outputs)
    {
        try
        {
            return AlertSinkFactory.Create(setup.Configuration, outputs).Sinks;
        }
        catch (AlertSinkException e)
        {
            throw new StartupException($"{setup.Configuration.FilePath}: {e.Message}", e);
        }
    }

    private static CaptureRecorder? CreateRecorder(string? path)
    {
        if (path is null)
        {
            return null;
        }
        try
        {
            return new CaptureRecorder(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"{path}: cannot create the capture file: {e.Message}", e);
        }
    }

    private static SourceProgress Track(List<SourceProgress> all)
    {
        var progress = new SourceProgress();
        lock (all)
        {
            all.Add(progress);
        }
        return progress;
    }

    /// <summary>Routes a source's sessions through the capture replay, the recorder and the progress tap.</summary>
    private static SourceSettings Tap(SourceSettings settings, string? replay, CaptureRecorder? recorder, SourceProgress? progress)
    {
        var plugin = settings.Plugin;
        var id = plugin.Info.Id;
        var source = settings.Source;
        var mark = recorder is null ? null : new RecordMark();
        IPluginSession Open(IPluginInstance instance, string openParams)
        {
            var session = replay is null ? instance.Open(openParams) : new CaptureReplaySession(replay, id, source);
            return recorder is null && progress is null ? session : new TappedSession(session, recorder, mark, progress);
        }
        return settings with { Plugin = plugin with { Plugin = new TappedSourcePlugin(plugin.Plugin, Open) } };
    }

    private static void Report(EngineResult result, CaptureRecorder? recorder, TextWriter stderr)
    {
        var stats = result.Statistics;
        var perSource = string.Join(", ", stats.EventsIn.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}"));
        stderr.WriteLine($"Events processed: {stats.TotalEventsIn}{(perSource.Length > 0 ? $" ({perSource})" : "")}, alerts: {stats.TotalAlerts}"
                         + (stats.TotalDropped > 0 ? $", dropped: {stats.TotalDropped}" : ""));
        var pluginMetrics = stats.PluginMetrics.Where(m => m.Value.Value != 0).OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        if (pluginMetrics.Count > 0)
        {
            // What the plugins count (for the cloudtrail plugin: records and files skipped, by reason; each was logged).
            stderr.WriteLine("Plugin metrics: " + string.Join(", ", pluginMetrics.Select(m =>
                $"{m.Key}: {m.Value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
        }
        if (recorder is not null)
        {
            stderr.WriteLine($"Capture written: {recorder.Path} ({recorder.EventsWritten} events)");
        }
        foreach (var source in result.Sources.Where(s => s.Outcome == SourceOutcome.Failed))
        {
            stderr.WriteLine($"Error: source '{source.Source}' was given up after {source.Restarts} restart(s): {source.Error}");
        }
        foreach (var loss in OutputLoss.Describe(stats))
        {
            stderr.WriteLine($"Error: {loss}");
        }
    }
}
