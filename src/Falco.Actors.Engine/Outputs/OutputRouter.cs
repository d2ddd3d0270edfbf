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
/// On one node the evaluators send it <see cref="AlertBatch"/>es (<see cref="AlertBatchOrder"/>). In a cluster
/// (<see cref="OutputRouterOptions.Clustered"/>) it is a cluster singleton and the one authority on what was written:
/// each source's guardian sends it <see cref="SourceAlerts"/> in batch order (<see cref="SourceAlertsOrder"/>), it
/// confirms with <see cref="SourceAlertsWritten"/> once a batch's alerts are in every output's queue (or counted as
/// dropped) and no healthy output holds, tells a new incarnation where to resume, and its
/// <see cref="WrittenPositionsPublisher"/> publishes those positions to the other nodes.
/// </para>
/// <para>
/// Its phases are behaviours: loading (in a cluster, until the positions are read: what asks about them waits),
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
    private readonly IActorRef? _publisher; // null on one node: nothing to publish to, nobody to take over
    private readonly List<IActorRef> _drainRequesters = [];

    public OutputRouter(IReadOnlyList<IAlertSink> sinks, TokenBucket rate, EngineStatistics stats, OutputRouterOptions options)
    {
        _rate = new AlertRateLimit(rate, stats);
        _outputs = new OutputFanout(Context, sinks, stats, options.QueueCapacity);
        _pressure = new OutputPressureGauge(Context.System.EventStream.Publish);
        if (options.Clustered)
        {
            _publisher = Context.ActorOf(WrittenPositionsPublisher.Props(), "positions");
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

    /// <summary>In a cluster, until the publisher has read the positions: the messages about them wait.</summary>
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

    /// <summary>The node leaves: the outputs write and flush what is queued, while the publisher publishes.</summary>
    private void HandingOver()
    {
        Receive<OutputsDrained>(_ =>
        {
            Become(Publishing);
            Stash.UnstashAll();
        });
        Receive<PositionsPublished>(_ => Stash.Stash());
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
        Receive<OutputHolding>(_pressure.Update);
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

    private void Publish(bool urgent = false) => _publisher?.Tell(new PublishPositions(_sources.Writes, urgent));

    private void HandOver()
    {
        Become(HandingOver);
        if (_publisher is null)
        {
            Self.Tell(PositionsPublished.Instance); // one node: nothing to publish
        }
        else
        {
            _publisher.Tell(PublishRemaining.Instance);
        }
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
