using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.DistributedData;
using Akka.Event;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Hosting;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// In a cluster, the output router's link to Akka.DistributedData (<see cref="WrittenPositions"/>). At start it reads
/// what the router's predecessor published (<c>ReadMajority</c>, else the local replica after
/// <see cref="ReplicaTimeout"/>) and tells its parent (<see cref="WrittenPositionsRead"/>). Then it publishes the
/// positions it is given (<see cref="PublishPositions"/>, <c>WriteMajority</c>): one write in flight, at most one per
/// <c>falco.delivery.publish-interval</c> (each is a majority write, whose cost would otherwise follow the batch
/// rate), the next one carrying the latest positions. An urgent change, and everything once a hand-over asked
/// (<see cref="PublishRemaining"/>), goes as soon as no write is in flight.
/// </summary>
public sealed class WrittenPositionsPublisher : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(3);
    private const string IntervalTimer = "interval";
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly Akka.Cluster.Cluster _node = Akka.Cluster.Cluster.Get(Context.System);
    private readonly TimeSpan _interval = DeliverySettings.Create(Context.System).PublishInterval;
    private PublishPositions? _pending; // what came since the write in flight or the last one; null: nothing
    private ImmutableDictionary<string, SourceWrites> _written = ImmutableDictionary<string, SourceWrites>.Empty;
    private long _lastWrite; // Stopwatch timestamp of the last write; 0: none yet
    private IActorRef? _waitingForAll; // who asked for PublishRemaining: nothing waits for the interval any more

    public WrittenPositionsPublisher() => Reading();

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props() => Akka.Actor.Props.Create(() => new WrittenPositionsPublisher());

    protected override void PreStart() => _replicator.Tell(Dsl.Get(WrittenPositions.Key, new ReadMajority(ReplicaTimeout)));

    private void Reading()
    {
        Receive<GetSuccess>(g => Read(g.Get(WrittenPositions.Key)));
        Receive<NotFound>(_ => Read(LWWDictionary<string, string>.Empty));
        Receive<GetFailure>(_ => _replicator.Tell(Dsl.Get(WrittenPositions.Key, ReadLocal.Instance)));
        // A hand-over before anything was read: the router has written nothing of its own yet.
        Receive<PublishRemaining>(_ => Sender.Tell(PositionsPublished.Instance));
    }

    private void Read(LWWDictionary<string, string> data)
    {
        Context.Parent.Tell(new WrittenPositionsRead(WrittenPositions.ReadAll(data)));
        Become(Idle);
    }

    /// <summary>No write in flight.</summary>
    private void Idle()
    {
        Receive<PublishPositions>(positions =>
        {
            Take(positions);
            PublishWhenDue();
        });
        Receive<IntervalOver>(_ => Write());
        Receive<PublishRemaining>(_ =>
        {
            _waitingForAll = Sender;
            if (_pending is null)
            {
                AllPublished();
            }
            else
            {
                Write();
            }
        });
    }

    /// <summary>One write in flight: what comes meanwhile waits for it.</summary>
    private void Writing()
    {
        Receive<PublishPositions>(Take);
        Receive<PublishRemaining>(_ => _waitingForAll = Sender);
        Receive<UpdateSuccess>(_ => Written());
        Receive<IUpdateFailure>(failure =>
        {
            _log.Warning("output router: publishing the written positions failed ({0}); trying again", failure.GetType().Name);
            _pending ??= new PublishPositions(_written, Urgent: false);
            Written();
        });
    }

    private void Take(PublishPositions positions) =>
        _pending = _pending is { Urgent: true } ? positions with { Urgent = true } : positions;

    private void PublishWhenDue()
    {
        var since = Stopwatch.GetElapsedTime(_lastWrite);
        if (_pending is { Urgent: false } && _waitingForAll is null && _lastWrite != 0 && since < _interval)
        {
            if (!Timers.IsTimerActive(IntervalTimer))
            {
                Timers.StartSingleTimer(IntervalTimer, IntervalOver.Instance, _interval - since);
            }
            return;
        }
        Write();
    }

    private void Write()
    {
        if (_pending is null)
        {
            return;
        }
        Timers.Cancel(IntervalTimer);
        _lastWrite = Stopwatch.GetTimestamp();
        var writes = _written = _pending.Writes;
        _pending = null;
        Become(Writing);
        _replicator.Tell(Dsl.Update(WrittenPositions.Key, LWWDictionary<string, string>.Empty, new WriteMajority(ReplicaTimeout),
            data => WrittenPositions.Write(data, _node, writes)));
    }

    private void Written()
    {
        Become(Idle);
        if (_pending is null)
        {
            AllPublished();
        }
        else
        {
            PublishWhenDue();
        }
    }

    private void AllPublished()
    {
        _waitingForAll?.Tell(PositionsPublished.Instance);
        _waitingForAll = null;
    }

    /// <summary>The publisher's own reminder: the interval since the last write is over.</summary>
    private sealed record IntervalOver : INoSerializationVerificationNeeded
    {
        public static readonly IntervalOver Instance = new();
    }
}
