using System.Diagnostics;
using Akka.Actor;
using Akka.DistributedData;
using Akka.Event;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// The node's output router: it puts each source's alert batches back in batch order (evaluators of several
/// partitions finish out of order), applies the alert rate limit (<c>outputs.rate</c>/<c>max_burst</c>; alerts over
/// it are counted as dropped, as Falco drops them), and fans out to one <see cref="OutputSinkActor"/> per output.
/// It tracks each output's backlog and publishes <see cref="OutputPressure"/> so sources stop pulling while an
/// output lags far behind, which keeps memory bounded whatever the input.
/// <para>
/// In a cluster (<see cref="OutputRouterOptions.Clustered"/>) it is a cluster singleton and the one authority on what
/// was written: each source's guardian sends it <see cref="SourceAlerts"/> in batch order, and it keeps per source a
/// <see cref="SourceWrites"/> (epoch, last batch, written-through event, finished). It writes a batch once (a batch
/// of an older epoch, or one already written, is dropped; a gap waits for the guardian to send again), confirms
/// with <see cref="SourceAlertsWritten"/> (held while outputs are busy, which holds the guardians' credits), tells a
/// new incarnation where to resume, and publishes its state to Akka.DistributedData (WriteMajority, one write in
/// flight, coalesced), which it reads (ReadMajority, else local) when it starts on a new node.
/// </para>
/// </summary>
public sealed class OutputRouter : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, SourceWrites> _writes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IActorRef To, SourceAlertsWritten Ack)> _heldAcks = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _drainRequesters = [];
    private bool _loaded;
    private const string PublishTimer = "publish";
    private bool _publishing;
    private bool _dirty;
    private bool _urgent; // the next publication does not wait for the interval
    private long _lastPublished; // Stopwatch timestamp of the last publication; 0: none yet
    private TimeSpan _publishInterval;
    private bool _handingOver;
    private bool _drainedForHandOver;
    private readonly EngineStatistics _stats;
    private readonly TokenBucket _rate;
    private readonly OutputRouterOptions _options;
    private readonly Dictionary<string, SourceOrder> _order = new(StringComparer.Ordinal);
    private readonly List<(IActorRef Actor, string Name)> _sinks = [];
    private readonly Dictionary<string, long> _backlog = new(StringComparer.Ordinal);
    private bool _busy;
    private int _flushesPending = -1;

    public OutputRouter(IReadOnlyList<IAlertSink> sinks, TokenBucket rate, EngineStatistics stats, OutputRouterOptions options)
    {
        _stats = stats;
        _rate = rate;
        _options = options;
        for (var i = 0; i < sinks.Count; i++)
        {
            var name = sinks[i].Name;
            var actor = Context.ActorOf(OutputSinkActor.Props(sinks[i], stats), $"output-{i}-{name}");
            _sinks.Add((actor, name));
            _backlog[name] = 0;
        }
        Receive<AlertBatch>(OnBatch);
        Receive<AlertsWritten>(OnWritten);
        Receive<DrainOutputs>(_ =>
        {
            _drainRequesters.Add(Sender);
            TryFinishDrain();
        });
        Receive<SinkFlushed>(_ =>
        {
            if (--_flushesPending == 0)
            {
                _flushesPending = -1;
                AnswerDrained();
            }
        });
        Receive<ResumeRequest>(OnResumeRequest);
        Receive<SourceAlerts>(OnSourceAlerts);
        Receive<SourceCompleted>(OnSourceCompleted);
        Receive<HandOverOutputs>(_ => OnHandOver());
        Receive<OutputsDrained>(_ =>
        {
            _drainedForHandOver = true;
            TryStopForHandOver();
        });
        Receive<GetSuccess>(g => Loaded(g.Get(WrittenPositions.Key)));
        Receive<NotFound>(_ => Loaded(LWWDictionary<string, string>.Empty));
        Receive<GetFailure>(_ => Replicator.Tell(Dsl.Get(WrittenPositions.Key, ReadLocal.Instance)));
        Receive<UpdateSuccess>(_ => Published());
        Receive<PublishNow>(_ =>
        {
            if (_dirty)
            {
                Publish(now: true); // the timer was the interval's end
            }
        });
        Receive<IUpdateFailure>(f =>
        {
            _log.Warning("output router: publishing the written positions failed ({0}); trying again", f.GetType().Name);
            _dirty = true;
            Published();
        });
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    private IActorRef Replicator => DistributedData.Get(Context.System).Replicator;

    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(3);

    protected override void PreStart()
    {
        _publishInterval = DeliverySettings.Create(Context.System).PublishInterval;
        if (_options.Clustered)
        {
            Replicator.Tell(Dsl.Get(WrittenPositions.Key, new ReadMajority(ReplicaTimeout)));
        }
        else
        {
            _loaded = true;
        }
    }

    private void Loaded(LWWDictionary<string, string> data)
    {
        if (_loaded)
        {
            return;
        }
        foreach (var source in WrittenPositions.Sources(data))
        {
            _writes[source] = WrittenPositions.Read(data, source);
        }
        _loaded = true;
        Stash.UnstashAll();
    }

    /// <summary>The messages of fail-over wait until the positions are read; true when this one was put aside.</summary>
    private bool Waiting()
    {
        if (!_loaded)
        {
            Stash.Stash();
        }
        return !_loaded;
    }

    private SourceWrites WritesOf(string source) =>
        _writes.TryGetValue(source, out var w) ? w : _writes[source] = new SourceWrites();

    private void OnResumeRequest(ResumeRequest request)
    {
        if (Waiting() || _handingOver)
        {
            return; // asked again: the successor answers
        }
        var w = WritesOf(request.Source);
        if (request.Epoch > w.Epoch)
        {
            // A new incarnation: batches of the old one still on their way are dropped from now on.
            w.Epoch = request.Epoch;
            w.LastSeq = 0;
            Publish(now: true); // once per incarnation: a successor router must not miss the new epoch
        }
        // An older epoch gets the current one back: a guardian whose clock is behind takes a higher one and asks again.
        Sender.Tell(new ResumePoint(request.Source, w.Finished ? request.Epoch : w.Epoch, w.WrittenThrough, w.Finished, w.At));
    }

    private void OnSourceAlerts(SourceAlerts batch)
    {
        if (Waiting() || _handingOver)
        {
            return; // not confirmed: the guardian sends it again to the successor
        }
        var w = WritesOf(batch.Source);
        if (batch.Epoch < w.Epoch)
        {
            return; // of an incarnation that has been replaced: its events are read again by the new one
        }
        if (batch.Epoch > w.Epoch)
        {
            // This router started after the incarnation resumed (its predecessor's state did not reach it).
            w.Epoch = batch.Epoch;
            w.LastSeq = 0;
        }
        // Batches before the guardian's lowest unconfirmed one were confirmed written, by a predecessor whose last
        // publication this router may not have seen: never wait for them.
        w.LastSeq = Math.Max(w.LastSeq, batch.LowestUnwritten - 1);
        if (batch.Seq == w.LastSeq + 1)
        {
            Fanout(batch.Alerts);
            w.LastSeq = batch.Seq;
            w.Wrote(batch.SafeThrough, batch.At);
            Publish();
        }
        if (batch.Seq <= w.LastSeq)
        {
            var ack = new SourceAlertsWritten(batch.Source, batch.Epoch, w.LastSeq);
            if (_busy)
            {
                _heldAcks[batch.Source] = (Sender, ack); // the guardian holds its credits meanwhile
            }
            else
            {
                Sender.Tell(ack);
            }
        }
        // else a batch before it was lost on the way: the guardian sends them again, in order.
    }

    private void OnSourceCompleted(SourceCompleted completed)
    {
        if (Waiting() || _handingOver)
        {
            return;
        }
        var w = WritesOf(completed.Source);
        if (completed.Epoch < w.Epoch)
        {
            return;
        }
        w.Epoch = completed.Epoch;
        if (!w.Finished)
        {
            w.Finished = true;
            Publish(now: true); // the source nodes wait for it to end their run
        }
        Sender.Tell(new ResumePoint(completed.Source, completed.Epoch, w.WrittenThrough, Finished: true, w.At));
    }

    /// <summary>
    /// Publishes the written positions: one write in flight, at most one per <c>falco.delivery.publish-interval</c>
    /// (each is a majority write, whose cost would otherwise follow the batch rate), the next one carrying every
    /// change since. A new incarnation, a finished source and a hand-over publish as soon as no write is in flight.
    /// </summary>
    private void Publish(bool now = false)
    {
        if (!_options.Clustered)
        {
            return; // one node: nothing to publish to, nobody to take over
        }
        _dirty = true;
        _urgent |= now || _handingOver;
        if (_publishing)
        {
            return; // the write in flight is followed by this one (Published)
        }
        var since = Stopwatch.GetElapsedTime(_lastPublished);
        if (!_urgent && _lastPublished != 0 && since < _publishInterval)
        {
            if (!Timers.IsTimerActive(PublishTimer))
            {
                Timers.StartSingleTimer(PublishTimer, PublishNow.Instance, _publishInterval - since);
            }
            return;
        }
        Timers.Cancel(PublishTimer);
        _lastPublished = Stopwatch.GetTimestamp();
        _publishing = true;
        _dirty = false;
        _urgent = false;
        // A copy: the update runs later, on the replicator's thread, while this router goes on changing its own.
        var snapshot = _writes.Select(kv => (kv.Key, kv.Value.Copy())).ToList();
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        Replicator.Tell(Dsl.Update(WrittenPositions.Key, LWWDictionary<string, string>.Empty, new WriteMajority(ReplicaTimeout),
            data => WrittenPositions.Write(data, cluster, snapshot)));
    }

    private void Published()
    {
        _publishing = false;
        if (_dirty)
        {
            Publish();
        }
        TryStopForHandOver();
    }

    /// <summary>The node leaves: write and flush what is queued, publish the positions, then stop.</summary>
    private void OnHandOver()
    {
        _handingOver = true;
        if (_dirty)
        {
            Publish();
        }
        _drainRequesters.Add(Self);
        TryFinishDrain();
    }

    private void TryStopForHandOver()
    {
        if (_handingOver && _drainedForHandOver && !_publishing && !_dirty)
        {
            Context.Stop(Self);
        }
    }

    private void AnswerDrained()
    {
        foreach (var requester in _drainRequesters)
        {
            requester.Tell(new OutputsDrained());
        }
        _drainRequesters.Clear();
    }

    public static Props Props(IReadOnlyList<IAlertSink> sinks, TokenBucket rate, EngineStatistics stats, OutputRouterOptions? options = null) =>
        Akka.Actor.Props.Create(() => new OutputRouter(sinks, rate, stats, options ?? OutputRouterOptions.Default));

    private void OnBatch(AlertBatch batch)
    {
        if (!_order.TryGetValue(batch.Source, out var order))
        {
            _order[batch.Source] = order = new SourceOrder();
        }
        if (batch.Seq < order.Next)
        {
            return; // already written (a duplicate delivery)
        }
        order.Pending[batch.Seq] = batch;
        while (order.Pending.Remove(order.Next, out var next))
        {
            order.Next++;
            Fanout(next.Alerts);
        }
        TryFinishDrain();
    }

    private void Fanout(IReadOnlyList<FormattedAlert> alerts)
    {
        if (alerts.Count == 0)
        {
            return;
        }
        IReadOnlyList<FormattedAlert> allowed = alerts;
        if (_rate.IsEnabled)
        {
            var kept = new List<FormattedAlert>(alerts.Count);
            foreach (var alert in alerts)
            {
                if (_rate.TryClaim())
                {
                    kept.Add(alert);
                }
                else
                {
                    _stats.AddDropped("outputs.rate");
                }
            }
            allowed = kept;
        }
        if (allowed.Count == 0)
        {
            return;
        }
        var message = new WriteAlerts(allowed);
        foreach (var (actor, name) in _sinks)
        {
            actor.Tell(message);
            _backlog[name] += allowed.Count;
        }
        UpdatePressure();
    }

    private void OnWritten(AlertsWritten written)
    {
        _backlog[written.Output] -= written.Count;
        UpdatePressure();
        TryFinishDrain();
    }

    private void UpdatePressure()
    {
        var highest = _backlog.Count == 0 ? 0 : _backlog.Values.Max();
        var busy = _busy ? highest > _options.LowWater : highest > _options.HighWater;
        if (busy != _busy)
        {
            _busy = busy;
            Context.System.EventStream.Publish(new OutputPressure(busy));
            if (!busy)
            {
                foreach (var (to, ack) in _heldAcks.Values)
                {
                    to.Tell(ack);
                }
                _heldAcks.Clear();
            }
        }
    }

    private void TryFinishDrain()
    {
        if (_drainRequesters.Count == 0 || _flushesPending >= 0)
        {
            return;
        }
        // Everything has been evaluated when a drain is asked: a gap can only be a lost batch, so write the rest.
        foreach (var order in _order.Values)
        {
            foreach (var batch in order.Pending.Values)
            {
                Fanout(batch.Alerts);
            }
            order.Pending.Clear();
        }
        if (_backlog.Values.Any(b => b > 0))
        {
            return;
        }
        if (_sinks.Count == 0)
        {
            AnswerDrained();
            return;
        }
        _flushesPending = _sinks.Count;
        foreach (var (actor, _) in _sinks)
        {
            actor.Tell(new FlushSink());
        }
    }

    /// <summary>The router's own reminder to publish what changed since its last publication.</summary>
    private sealed record PublishNow : INoSerializationVerificationNeeded
    {
        public static readonly PublishNow Instance = new();
    }

    private sealed class SourceOrder
    {
        public long Next = 1;
        public readonly SortedDictionary<long, AlertBatch> Pending = [];
    }
}

/// <summary>Backlog limits: sources pause above <see cref="HighWater"/> queued alerts in one output, resume under <see cref="LowWater"/>.</summary>
public sealed record OutputRouterOptions(int HighWater, int LowWater)
{
    /// <summary>The router is the cluster's output singleton: it tracks and publishes what each source has written.</summary>
    public bool Clustered { get; init; }

    public static readonly OutputRouterOptions Default = new(HighWater: 10_000, LowWater: 5_000);
}
