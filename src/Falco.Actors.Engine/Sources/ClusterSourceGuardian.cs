using Akka.Actor;
using Akka.Event;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// A source's guardian whose positions the output router keeps (<see cref="SourceGuardian.ClusterProps"/>): run as a
/// cluster singleton, so the source runs on one node, and on one node with <c>engine_actors.state_dir</c> (the router
/// then saves the positions, and the next run resumes there). Each incarnation takes a new epoch and goes through
/// three behaviours:
/// <list type="number">
/// <item><see cref="AwaitingResumePoint"/>: it asks the output router (a singleton too, maybe moving) where to
/// resume, each second until answered. The router answers the highest event number whose alerts, and every earlier
/// event's, are written, with the plugin's position at or before it; a router that knows a later epoch (another
/// node's clock is ahead) makes the guardian take the next one and ask again; a source the router knows as finished
/// is not run again.</item>
/// <item><see cref="Running"/>: the session continues there (a resumable plugin at the position, then skipping by
/// number), as does a session re-created on this node, from the guardian's latest position. Evaluators send the
/// batches' alerts back here, and they go on to the router in batch order with their position
/// (<see cref="AlertForwarder"/>); the router drops batches of an older epoch, so a batch of a dead incarnation is
/// never written after its replacement started.</item>
/// <item><see cref="Completing"/>: the session is over and every alert is confirmed written; it tells the router the
/// source completed, each second until the router confirms it finished (so no node runs it again), then reports to
/// the node's coordinator.</item>
/// </list>
/// </summary>
internal sealed class ClusterSourceGuardian : SourceGuardian
{
    private const string AskTimer = "resume";
    private const string CompleteTimer = "complete";
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(1);
    private readonly IActorRef _router;
    private readonly IActorRef _coordinator;
    private readonly AlertForwarder _forwarder;

    /// <param name="router">The output router singleton's proxy.</param>
    /// <param name="coordinator">The node's coordinator, which gets the report (the parent is the singleton manager).</param>
    public ClusterSourceGuardian(SourceSettings settings, IActorRef evaluators, IActorRef router, EngineStatistics stats, IActorRef coordinator)
        : base(settings, evaluators, stats)
    {
        _router = router;
        _coordinator = coordinator;
        _forwarder = new AlertForwarder(settings.Source, router) { Epoch = DateTime.UtcNow.Ticks };
        AwaitingResumePoint();
    }

    private protected override IActorRef AlertsTo => Self;

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer(AskTimer, AskResume.Instance, AskAgainAfter);
        AskWhereToResume();
    }

    private void AwaitingResumePoint()
    {
        Receive<ResumePoint>(OnResumePoint);
        Receive<AskResume>(_ => AskWhereToResume());
        ReceiveStopAndDelivery(); // a stop is applied when the session starts
    }

    private void Running()
    {
        Receive<AlertBatch>(OnAlerts);
        Receive<SourceAlertsWritten>(OnWritten);
        Receive<ResumePoint>(_ => { }); // a late answer to a repeated request
        ReceiveSessionAndBatches();
    }

    private void Completing()
    {
        Receive<SourceCompleted>(completed => _router.Tell(completed)); // the timer's reminder: tell again
        Receive<ResumePoint>(point =>
        {
            if (point.Epoch == _forwarder.Epoch && point.Finished)
            {
                Timers.Cancel(CompleteTimer);
                Report(_coordinator);
            }
        });
        // Late news of batches already confirmed (a second evaluation or confirmation of a re-sent batch): nothing is
        // outstanding any more.
        ReceiveAny(_ => { });
    }

    private void AskWhereToResume() => _router.Tell(new ResumeRequest(Source, _forwarder.Epoch));

    private void OnResumePoint(ResumePoint point)
    {
        if (point.Epoch > _forwarder.Epoch)
        {
            // The router knows a later epoch (another node's clock is ahead of ours): take the next one, ask again.
            _forwarder.Epoch = point.Epoch + 1;
            AskWhereToResume();
            return;
        }
        if (point.Epoch != _forwarder.Epoch)
        {
            return; // the answer to a request of an epoch given up
        }
        Timers.Cancel(AskTimer);
        if (point.Finished)
        {
            Log.Info("source {0}: already finished on another node; not run again", Source);
            Context.Stop(Self);
            return;
        }
        History.ResumeAfter(point.WrittenThrough, point.At);
        if (point.WrittenThrough > 0)
        {
            Log.Warning("source {0}: resuming after event {1}, the last whose alerts were written (epoch {2}){3}", Source,
                point.WrittenThrough, point.Epoch, point.At is { } at ? $", from the plugin's position after event {at.Through}: {at.Position}" : "");
        }
        StartSession();
        Become(Running);
    }

    private void OnAlerts(AlertBatch alerts)
    {
        if (Ledger.TryGetCovered(alerts.Seq, out var safeThrough, out var at)
            && _forwarder.Arrived(alerts.Seq, safeThrough, at, alerts.Alerts, Self))
        {
            // In a cluster the source's node counts its alerts (once per batch), wherever they were evaluated.
            foreach (var alert in alerts.Alerts)
            {
                Stats.AddAlert(alert.Rule, alert.Priority);
            }
        }
        Ledger.AlertsHeld = _forwarder.Held;
    }

    private void OnWritten(SourceAlertsWritten written)
    {
        if (written.Epoch != _forwarder.Epoch)
        {
            return;
        }
        _forwarder.Written(written.Seq);
        Ledger.AlertsHeld = _forwarder.Held;
        ReleaseWithheld();
        TryFinish();
    }

    private protected override void ResendUnwritten(TimeSpan age) => _forwarder.Resend(age, Self);

    private protected override void AllConfirmed()
    {
        // Every alert is written: have the router record the source as finished (so no node runs it again), then report.
        var completed = new SourceCompleted(Source, _forwarder.Epoch);
        _router.Tell(completed);
        Timers.StartPeriodicTimer(CompleteTimer, completed, AskAgainAfter);
        Become(Completing);
    }

    private sealed record AskResume : INoSerializationVerificationNeeded
    {
        public static readonly AskResume Instance = new();
    }
}
