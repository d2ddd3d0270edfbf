using Akka.Actor;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Logging;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.State;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// What the engine's actors on one node are made of (<see cref="FalcoEngineHosting.WithFalcoEngine"/> wires them):
/// how the node takes part in a cluster, its compiled rules, the sources it runs, its outputs, the statistics every
/// actor counts into, and where the run's result goes.
/// </summary>
public sealed class EngineWiring
{
    private EngineWiring(EngineSetup setup, ClusterNode node, NodeRules rules, IReadOnlyList<SourceSettings> sources,
        IReadOnlyList<IAlertSink> sinks, EngineStatistics statistics, EngineState? state, PluginWatchdog watchdog, EngineLog log)
    {
        Log = log;
        State = state;
        Watchdog = watchdog;
        Setup = setup;
        Node = node;
        Rules = rules;
        Sources = sources;
        Sinks = sinks;
        Statistics = statistics;
    }

    public EngineSetup Setup { get; }

    /// <summary>The engine's own log (log_level, log_stderr, log_syslog, time_format_iso_8601).</summary>
    public EngineLog Log { get; }

    public ClusterNode Node { get; }

    public NodeRules Rules { get; }

    /// <summary>The sources this node runs: in a cluster those of its roles (the others evaluate, and write what comes back, until stopped).</summary>
    public IReadOnlyList<SourceSettings> Sources { get; }

    /// <summary>The outputs: the setup's, or one per enabled output of the configuration (then the run owns them).</summary>
    public IReadOnlyList<IAlertSink> Sinks { get; }

    public EngineStatistics Statistics { get; }

    /// <summary>On one node with a state folder, what the last run saved (the sources resume there); else null.</summary>
    public EngineState? State { get; }

    /// <summary>Watches every plugin call of the node's sources and evaluators (engine_actors.plugin_call_timeout_s).</summary>
    public PluginWatchdog Watchdog { get; }

    /// <summary>The run's result, set by the <see cref="EngineCoordinator"/>.</summary>
    public TaskCompletionSource<EngineResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EngineActorsConfig Actors => Setup.EngineActors ?? Setup.Configuration.EngineActors;

    /// <summary>The outputs the run created, and disposes when it ends.</summary>
    public IReadOnlyList<IAlertSink> OwnedSinks => Setup.Sinks is null ? Sinks : [];

    /// <summary>The node's part (setup, else engine_actors.cluster and FALCO_ACTORS_*), rules compiled once, sources, then outputs.</summary>
    public static EngineWiring For(EngineSetup setup)
    {
        var statistics = new EngineStatistics();
        var actors = setup.EngineActors ?? setup.Configuration.EngineActors;
        var node = setup.Cluster ?? ClusterNode.Resolve(actors.Cluster, setup.SystemName);
        if (node.Clustered && actors.StateDir.Length > 0)
        {
            throw new EngineStateException(
                "engine_actors.state_dir: a cluster keeps the written positions in its replicated data; the state folder is for a single node");
        }
        // Read (and the file output repaired) before the outputs are created, unless the caller did it first.
        var state = setup.State ?? StateFolder.Open(setup.Configuration with { EngineActors = actors }, Console.Error);
        var log = new EngineLog(setup.Configuration.Logging, setup.Configuration.TimeFormatIso8601);
        var watchdog = new PluginWatchdog(actors.PluginCallTimeout, statistics, log);
        try
        {
            // Where the router tracks positions, the guardians count their alerts; else the evaluators do.
            var rules = EngineNode.CompileRules(setup, statistics, evaluatorsCountAlerts: !node.Clustered && state is null, watchdog);
            var sources = EngineNode.SourceSettings(setup, node.RunsSource)
                .Select(s => s with { Watchdog = watchdog, ShutdownGrace = actors.ShutdownGrace }).ToList();
            return new EngineWiring(setup, node, rules, sources, setup.Sinks ?? CreateSinks(setup), statistics, state, watchdog, log);
        }
        catch
        {
            watchdog.Dispose();
            throw;
        }
    }

    /// <summary>The router keeps the written positions in a cluster and with a state folder; the guardians then resume where it says.</summary>
    public bool TracksPositions => Node.Clustered || State is not null;

    public Props OutputRouterProps() =>
        OutputRouter.Props(Sinks, new TokenBucket(Setup.Configuration.Outputs.Rate, Setup.Configuration.Outputs.MaxBurst), Statistics,
            new OutputRouterOptions(Setup.Configuration.OutputsQueue.PerOutput) { Positions = PositionsProps() });

    private Props? PositionsProps()
    {
        if (Node.Clustered)
        {
            return WrittenPositionsPublisher.Props();
        }
        if (State is null)
        {
            return null;
        }
        var identities = Sources.ToDictionary(s => s.Source, s => EngineStateKeeper.Identity(s.Plugin.Info.Name, s.OpenParams), StringComparer.Ordinal);
        return EngineStateKeeper.Props(Actors.StateDir, State, identities, FileSink.Find(Sinks)?.Path);
    }

    private static IReadOnlyList<IAlertSink> CreateSinks(EngineSetup setup) =>
        AlertSinkFactory.Create(setup.Configuration, new AlertSinkOptions { Errors = Console.Error }).Sinks;
}
