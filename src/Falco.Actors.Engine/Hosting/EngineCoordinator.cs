using Akka.Actor;
using Akka.DistributedData;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// The top of one run on a node: told to (<see cref="StartSources"/>), it starts one <see cref="SourceGuardian"/> per
/// source, forwards a stop request to all of them, and when every source has finished (all its batches evaluated)
/// asks the output router to drain and flush; then the run is complete and <paramref name="completion"/> gets the
/// result. A node that runs no source (an evaluator-only cluster member, <paramref name="untilStopped"/>) stays up
/// until it is asked to stop.
/// <para>
/// In a cluster (<paramref name="clustered"/>) each source runs as a cluster singleton among the source nodes
/// (<see cref="FalcoEngineHosting.WithSources"/> starts one top-level singleton manager per source, so the node's
/// coordinated shutdown hands it over when the node leaves), and the guardian reports to the coordinator of the node
/// it runs on. The run of a source node completes when the output router has recorded every source as finished (read
/// from Akka.DistributedData, whichever node ran them), after draining the router; a stop request completes it at
/// once (the node leaves and its sources move to another source node).
/// </para>
/// </summary>
public sealed class EngineCoordinator : ReceiveActor
{
    private readonly IReadOnlyList<SourceSettings> _sources;
    private readonly IActorRef _evaluators;
    private readonly IActorRef _outputs;
    private readonly EngineStatistics _stats;
    private readonly TaskCompletionSource<EngineResult> _completion;
    private readonly Dictionary<IActorRef, string> _guardians = [];
    private readonly List<SourceFinished> _finished = [];
    private readonly bool _untilStopped;
    private readonly bool _clustered;
    private readonly bool _resuming;
    private readonly HashSet<string> _unfinished = new(StringComparer.Ordinal);
    private bool _draining;
    private bool _started;
    private bool _stopRequested;
    private readonly Props? _reloaderProps;
    private IActorRef _reloader = ActorRefs.Nobody;

    /// <param name="reloader">The node's hot reload (<see cref="RulesReloadActor"/>), started as a child; null: none.</param>
    public EngineCoordinator(IReadOnlyList<SourceSettings> sources, IActorRef evaluators, IActorRef outputs,
        EngineStatistics stats, TaskCompletionSource<EngineResult> completion, bool untilStopped = false, bool clustered = false,
        bool resuming = false, Props? reloader = null)
    {
        _reloaderProps = reloader;
        _untilStopped = untilStopped;
        _resuming = resuming;
        _clustered = clustered;
        _sources = sources;
        _evaluators = evaluators;
        _outputs = outputs;
        _stats = stats;
        _completion = completion;

        Receive<StartSources>(_ => StartGuardians());
        // Reloads (from this node's host, or another member's) are the reload actor's; the coordinator is their address.
        Receive<RequestReload>(m => _reloader.Forward(m));
        Receive<ReloadRules>(m => _reloader.Forward(m));
        Receive<StopEngine>(_ =>
        {
            if (_clustered)
            {
                // This node leaves: its sources are handed over and the router drains when it moves.
                Complete();
                return;
            }
            _stopRequested = true;
            TryDrain();
            foreach (var guardian in _guardians.Keys)
            {
                guardian.Tell(new StopSource());
            }
        });
        Receive<SourceFinished>(f =>
        {
            _finished.Add(f);
            Context.Unwatch(Sender);
            _guardians.Remove(Sender);
            TryDrain();
        });
        Receive<Terminated>(t =>
        {
            // A guardian that died without reporting (a bug) must not hang the run.
            if (_guardians.Remove(t.ActorRef, out var source))
            {
                _finished.Add(new SourceFinished(source, SourceOutcome.Failed, 0, 0, "the source's guardian stopped unexpectedly"));
                TryDrain();
            }
        });
        Receive<OutputsDrained>(_ => Complete());
        Receive<Changed>(changed =>
        {
            var data = changed.Get(WrittenPositions.Key);
            _unfinished.RemoveWhere(source => WrittenPositions.IsFinished(data, source));
            TryDrain();
        });
    }

    private void Complete()
    {
        _completion.TrySetResult(new EngineResult([.. _finished], _stats.Snapshot()));
        Context.Stop(Self);
    }

    public static Props Props(IReadOnlyList<SourceSettings> sources, IActorRef evaluators, IActorRef outputs,
        EngineStatistics stats, TaskCompletionSource<EngineResult> completion, bool untilStopped = false, bool clustered = false,
        bool resuming = false, Props? reloader = null) =>
        Akka.Actor.Props.Create(() => new EngineCoordinator(sources, evaluators, outputs, stats, completion, untilStopped, clustered, resuming, reloader));

    protected override void PreStart()
    {
        if (_reloaderProps is not null)
        {
            _reloader = Context.ActorOf(_reloaderProps, "reload");
        }
        if (_clustered)
        {
            WatchForTheSourcesEnd();
        }
    }

    /// <summary>
    /// On a single node, one guardian per source, once (not after a stop request: that run is over). With a state
    /// folder (resuming) the guardians resume where the router's saved positions say, as in a cluster.
    /// </summary>
    private void StartGuardians()
    {
        if (_clustered || _started || _stopRequested)
        {
            return;
        }
        _started = true;
        foreach (var source in _sources)
        {
            var props = _resuming
                ? SourceGuardian.ClusterProps(source, _evaluators, _outputs, _stats, Self)
                : SourceGuardian.Props(source, _evaluators, _outputs, _stats);
            var guardian = Context.ActorOf(props, "source-" + Uri.EscapeDataString(source.Source));
            Context.Watch(guardian);
            _guardians[guardian] = source.Source;
        }
        TryDrain();
    }

    protected override void PostStop() =>
        _completion.TrySetException(new InvalidOperationException("the engine stopped before the run completed"));

    private void WatchForTheSourcesEnd()
    {
        // The sources are singletons of their own (top-level actors); this only watches for their end.
        foreach (var source in _sources)
        {
            _unfinished.Add(source.Source);
        }
        if (_sources.Count > 0)
        {
            DistributedData.Get(Context.System).Replicator.Tell(Dsl.Subscribe(WrittenPositions.Key, Self));
        }
    }

    private void TryDrain()
    {
        if (_draining || _guardians.Count > 0 || _unfinished.Count > 0 || (_untilStopped && !_stopRequested))
        {
            return;
        }
        _draining = true;
        _outputs.Tell(new DrainOutputs());
    }
}
