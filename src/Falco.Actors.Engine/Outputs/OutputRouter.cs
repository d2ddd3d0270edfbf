using Akka.Actor;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// The node's output router: it puts each source's alert batches back in batch order, applies the alert rate limit
/// (<see cref="AlertRateLimit"/>), and fans out to one <see cref="OutputSinkActor"/> per output
/// (<see cref="OutputFanout"/>), each with a bounded queue of its own, so it never waits for an output: a healthy
/// output that is the slowest holds the sources while its queue is past half full (<see cref="OutputPressureGauge"/>),
/// and one that fails or is stuck drops (counted) instead, holding neither the sources nor the other outputs. On a
/// drain it writes what it holds
/// and waits for the outputs to write (or count as lost) what they queued and flush.
/// <para>
/// On one node the evaluators send it <see cref="AlertBatch"/>es (<see cref="AlertBatchOrder"/>). When it tracks
/// positions (<see cref="OutputRouterOptions.Positions"/>: in a cluster, where it is a cluster singleton, or on one node
/// with a state folder) it is the one authority on what was written: each source's guardian sends it
/// <see cref="SourceAlerts"/> in batch order (<see cref="SourceAlertsOrder"/>), it confirms with
/// <see cref="SourceAlertsWritten"/> once a batch's alerts are in every output's queue (or counted as dropped) and no healthy output holds, tells a new incarnation where to resume, and its positions child
/// (<see cref="WrittenPositionsPublisher"/> to the other nodes, <see cref="State.EngineStateKeeper"/> to the state
/// folder) keeps those positions once the outputs have written everything before them (<see cref="PositionsAfterWrites"/>).
/// </para>
/// <para>
/// Its phases are behaviours: loading (when it tracks positions, until they are read: what asks about them waits),
/// running, and when its node leaves, handing over then publishing (write and flush what is queued, publish the
/// positions, stop: the successor continues exactly).
/// </para>
/// </summary>
public sealed class OutputRouter : ReceiveActor, IWithUnboundedStash
{
    private readonly AlertRateLimit _rate;
    private readonly OutputFanout _outputs;
    private readonly OutputPressureGauge _pressure;
    private readonly AlertBatchOrder _batches = new();
    private SourceAlertsOrder _sources = new();
    private readonly IActorRef? _publisher; // null when positions are not tracked: nothing to publish, nobody to take over
    private readonly PositionsAfterWrites? _positions; // with _publisher: publications wait for the outputs
    private readonly List<IActorRef> _drainRequesters = [];

    public OutputRouter(IReadOnlyList<IAlertSink> sinks, TokenBucket rate, EngineStatistics stats, OutputRouterOptions options)
    {
        _rate = new AlertRateLimit(rate, stats);
        _outputs = new OutputFanout(Context, sinks, stats, options.QueueCapacity, reportProgress: options.Positions is not null);
        _pressure = new OutputPressureGauge(Context.System.EventStream.Publish);
        if (options.Positions is { } positions)
        {
            _publisher = Context.ActorOf(positions, "positions");
            _positions = new PositionsAfterWrites(_outputs.Names, FileSink.Find(sinks)?.Name);
            Loading();
        }
        else
        {
            Running();
        }
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(IReadOnlyList<IAlertSink> sinks, TokenBucket rate, EngineStatistics stats, OutputRouterOptions? options = null) =>
        Akka.Actor.Props.Create(() => new OutputRouter(sinks, rate, stats, options ?? OutputRouterOptions.Default));

    /// <summary>Until the positions child has read the positions: the messages about them wait.</summary>
    private void Loading()
    {
        Receive<WrittenPositionsRead>(read =>
        {
            _sources = new SourceAlertsOrder(read.Writes);
            Become(Running);
            Stash.UnstashAll();
        });
        Receive<ResumeRequest>(_ => Stash.Stash());
        Receive<SourceAlerts>(_ => Stash.Stash());
        Receive<SourceCompleted>(_ => Stash.Stash());
        Receive<HandOverOutputs>(_ => HandOver());
        ReceiveOutputs();
    }

    private void Running()
    {
        Receive<ResumeRequest>(OnResumeRequest);
        Receive<SourceAlerts>(OnSourceAlerts);
        Receive<SourceCompleted>(OnSourceCompleted);
        Receive<HandOverOutputs>(_ => HandOver());
        ReceiveOutputs();
    }

    /// <summary>
    /// The node leaves: the outputs write and flush what is queued; then what they wrote is published, last (a
    /// position published before its alerts are written could be skipped by the successor and lost).
    /// </summary>
    private void HandingOver()
    {
        Receive<OutputsDrained>(_ =>
        {
            Become(Publishing);
            if (_publisher is null)
            {
                Self.Tell(PositionsPublished.Instance); // nothing to publish
            }
            else
            {
                ReleasePositions();
                _publisher.Tell(PublishRemaining.Instance);
            }
        });
        IgnoreWhileHandingOver();
        ReceiveOutputs();
    }

    /// <summary>Handing over, the outputs drained: stops once the positions are published.</summary>
    private void Publishing()
    {
        Receive<PositionsPublished>(_ => Context.Stop(Self));
        IgnoreWhileHandingOver();
        ReceiveOutputs();
    }

    /// <summary>What every phase does with alerts and drains.</summary>
    private void ReceiveOutputs()
    {
        Receive<AlertBatch>(OnBatch);
        Receive<InternalAlerts>(m =>
        {
            _outputs.Write(m.Alerts);
            _positions?.Sent(m.Alerts.Count);
        });
        Receive<AlertsWritten>(written =>
        {
            // Only when positions are kept: how far an output has written.
            _positions!.Written(written.Output, written.Through, written.Length);
            ReleasePositions();
        });
        Receive<OutputHolding>(_pressure.Update);
        Receive<ReopenOutputs>(_ => _outputs.Reopen());
        Receive<DrainOutputs>(_ =>
        {
            _drainRequesters.Add(Sender);
            TryFinishDrain();
        });
        Receive<SinkFlushed>(_ =>
        {
            if (_outputs.Flushed())
            {
                AnswerDrained();
            }
        });
    }

    /// <summary>Handing over: not answered nor confirmed, so the guardians ask the successor again.</summary>
    private void IgnoreWhileHandingOver()
    {
        Receive<ResumeRequest>(_ => { });
        Receive<SourceAlerts>(_ => { });
        Receive<SourceCompleted>(_ => { });
        Receive<WrittenPositionsRead>(_ => { });
        Receive<HandOverOutputs>(_ => { });
    }

    private void OnResumeRequest(ResumeRequest request)
    {
        var point = _sources.Resume(request, out var newEpoch);
        if (newEpoch)
        {
            Publish(urgent: true); // once per incarnation: a successor router must not miss the new epoch
        }
        Sender.Tell(point);
    }

    private void OnSourceAlerts(SourceAlerts batch)
    {
        if (_sources.Arrived(batch, out var confirmation))
        {
            Write(batch.Alerts);
            Publish();
        }
        if (confirmation is not null)
        {
            _pressure.Confirm(Sender, confirmation); // held while a healthy output holds: the guardian holds its credits meanwhile
        }
        // else a batch before it was lost on the way: the guardian sends them again, in order.
    }

    private void OnSourceCompleted(SourceCompleted completed)
    {
        if (_sources.Completed(completed, out var finished) is not { } point)
        {
            return;
        }
        if (finished)
        {
            Publish(urgent: true); // the source nodes wait for it to end their run
        }
        Sender.Tell(point);
    }

    private void Publish(bool urgent = false)
    {
        if (_positions is null)
        {
            return;
        }
        _positions.Add(_sources.Writes, urgent);
        ReleasePositions();
    }

    /// <summary>Publishes the latest positions the outputs have caught up with.</summary>
    private void ReleasePositions()
    {
        if (_positions!.TryRelease(out var publication))
        {
            _publisher!.Tell(publication);
        }
    }

    private void HandOver()
    {
        Become(HandingOver);
        _drainRequesters.Add(Self);
        TryFinishDrain();
    }

    private void OnBatch(AlertBatch batch)
    {
        if (!_batches.Add(batch))
        {
            return; // already written (a duplicate delivery)
        }
        while (_batches.TryTakeNext(batch.Source, out var next))
        {
            Write(next.Alerts);
        }
        TryFinishDrain();
    }

    private void Write(IReadOnlyList<FormattedAlert> alerts)
    {
        var admitted = _rate.Admit(alerts);
        if (admitted.Count == 0)
        {
            return;
        }
        _outputs.Write(admitted);
        _positions?.Sent(admitted.Count);
    }

    private void TryFinishDrain()
    {
        if (_drainRequesters.Count == 0 || _outputs.Flushing)
        {
            return;
        }
        // Everything has been evaluated when a drain is asked: a gap can only be a lost batch, so write the rest.
        while (_batches.TryTakeWaiting(out var batch))
        {
            Write(batch.Alerts);
        }
        // Each output answers its flush once it has written (or counted as lost) everything sent before it.
        if (!_outputs.Flush())
        {
            AnswerDrained(); // no output: nothing to flush
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
}
