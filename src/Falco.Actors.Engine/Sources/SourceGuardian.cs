using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Pattern;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// The stable parent of one source. It runs the session (<see cref="SourceActor"/>) under a back-off supervisor and
/// keeps what must survive a session's failure: the number of the last event accepted (a new session skips up to
/// it, so nothing is evaluated twice), the batches in flight and their credits. Every batch passes through it to
/// the evaluators (numbered 1, 2, 3… for the output order), and every <see cref="BatchDone"/> comes back to it.
/// When the session has ended (EOF, stop, or given up) and nothing is in flight, it reports
/// <see cref="SourceFinished"/> to its parent and stops.
/// <para>
/// Delivery to the evaluators is at least once: a batch not confirmed within <c>falco.delivery.resend-after</c>
/// (hocon) is sent again, unchanged and with the same number, to the same entity (which sharding may have moved to
/// another node after its node died); when a cluster member is removed, every unconfirmed batch is sent again at
/// once, since some may have been lost with it. The guardian keeps each unconfirmed batch until its <see cref="BatchDone"/>:
/// at most <see cref="SourceSettings.BatchesInFlight"/> of them, so memory stays bounded. Alerts of a batch
/// evaluated twice are written once: the output router drops a batch number it has already written.
/// </para>
/// <para>
/// In a cluster (<see cref="ClusterProps"/>) the guardian is a cluster singleton, so the source runs on one node. Each
/// incarnation picks a new epoch and first asks the output router (a singleton too) where to resume: the router
/// answers the highest event number whose alerts, and every earlier event's, are written, with the plugin's
/// position at or before it: a resumable plugin continues at that position and the session skips by number up to
/// the event. A session re-created on this node continues the same way from the guardian's latest position. Evaluators send the batch's alerts back to the guardian, which passes them on to the router in batch
/// order with that position (<see cref="AlertForwarder"/>); the router drops batches of an older epoch, so a batch
/// of a dead incarnation is never written after its replacement started.
/// </para>
/// </summary>
/// <remarks>
/// Skipping replayed events assumes the plugin replays the same sequence when reopened (files do). A source that
/// cannot replay (a live queue) loses the events the failed session had pulled but not yet handed over, and its
/// new session's first events are skipped up to the old count: give such plugins their own resume logic.
/// </remarks>
public sealed class SourceGuardian : ReceiveActor, IWithTimers
{
    private const string ResendTimer = "resend";
    private const string ResumeTimer = "resume";
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SourceSettings _settings;
    private readonly IActorRef _evaluators;
    private readonly IActorRef _outputs;
    private readonly EngineStatistics _stats;
    private readonly IActorRef? _reportTo;
    private readonly AlertForwarder? _forwarder;
    private readonly Dictionary<long, InFlight> _inFlight = [];
    private readonly string[] _entityIds; // the evaluator entity id of each partition, made once rather than per batch
    private TimeSpan _resendAfter;
    private long _resends;
    private IActorRef _supervisor = ActorRefs.Nobody;
    private IActorRef? _session;
    private ulong _lastAccepted;
    private StreamPosition? _resumeAt; // the latest place known in the plugin's stream, at or before _lastAccepted
    private ulong _accepted;
    private long _nextSeq;
    private int _sessions;
    private int _withheld;
    private bool _outputsBusy;
    private SourceOutcome? _outcome;
    private bool _supervisorGone;
    private string? _lastError;
    private bool _finished;
    private bool _resumed;
    private bool _completing;

    /// <param name="outputs">The output router; in a cluster (<paramref name="reportTo"/> set) the router singleton's proxy.</param>
    /// <param name="reportTo">In a cluster, the node's coordinator (the parent is the singleton manager); null: single node.</param>
    public SourceGuardian(SourceSettings settings, IActorRef evaluators, IActorRef outputs, EngineStatistics stats, IActorRef? reportTo = null)
    {
        _settings = settings;
        _evaluators = evaluators;
        _outputs = outputs;
        _stats = stats;
        _reportTo = reportTo;
        _entityIds = new string[Math.Max(1, settings.Partitions)];
        for (var i = 0; i < _entityIds.Length; i++)
        {
            _entityIds[i] = EvaluateBatch.EntityIdOf(settings.Source, i);
        }
        if (reportTo is not null)
        {
            _forwarder = new AlertForwarder(settings.Source, outputs) { Epoch = DateTime.UtcNow.Ticks };
            Receive<ResumePoint>(OnResumePoint);
            Receive<AlertBatch>(OnAlerts);
            Receive<SourceAlertsWritten>(OnWritten);
            Receive<AskResume>(_ => AskWhereToResume());
            Receive<SourceCompleted>(c => _outputs.Tell(c)); // the timer's reminder: ask again
        }

        Receive<SessionStarted>(_ => OnSessionStarted());
        Receive<BatchReady>(OnBatchReady);
        Receive<BatchDone>(OnBatchDone);
        Receive<SessionFailed>(f =>
        {
            _lastError = f.Error;
            if (f.AtResume)
            {
                _resumeAt = null;
            }
            _log.Warning("source {0}: session failed ({1}); it will be re-created with back-off", Source, f.Error);
        });
        Receive<EventsReplayed>(r =>
        {
            _stats.AddReplayed(Source, (long)r.Count);
            _log.Info("source {0}: read again and skipped {1} event(s) an earlier session had accepted", Source, r.Count);
        });
        Receive<SessionEnded>(e => _outcome ??= e.Eof ? SourceOutcome.Eof : SourceOutcome.Stopped);
        Receive<StopSource>(_ => OnStop());
        Receive<OutputPressure>(p => OnPressure(p.Busy));
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(_session))
            {
                _session = null;
            }
            else if (t.ActorRef.Equals(_supervisor))
            {
                // SessionEnded (an ordinary message) may still be queued behind this system message: look later.
                _supervisorGone = true;
                Self.Tell(CheckFinished.Instance);
            }
        });
        Receive<CheckFinished>(_ => TryFinish());
        Receive<ResendCheck>(_ =>
        {
            ResendUnconfirmed(_resendAfter);
            _forwarder?.Resend(_resendAfter, Self);
        });
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            if (_inFlight.Count > 0)
            {
                _log.Warning("source {0}: node {1} left the cluster; sending the {2} unconfirmed batch(es) again",
                    Source, removed.Member.Address, _inFlight.Count);
                ResendUnconfirmed(TimeSpan.Zero);
            }
            // The output router may have lived there: what it did not confirm goes to its successor.
            _forwarder?.Resend(TimeSpan.Zero, Self);
        });
    }

    private string Source => _settings.Source;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SourceSettings settings, IActorRef evaluators, IActorRef outputs, EngineStatistics stats) =>
        Akka.Actor.Props.Create(() => new SourceGuardian(settings, evaluators, outputs, stats, null));

    /// <summary>A guardian run as a cluster singleton: it resumes where the router says and reports to <paramref name="coordinator"/>.</summary>
    public static Props ClusterProps(SourceSettings settings, IActorRef evaluators, IActorRef outputRouter, EngineStatistics stats,
        IActorRef coordinator) =>
        Akka.Actor.Props.Create(() => new SourceGuardian(settings, evaluators, outputRouter, stats, coordinator));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(OutputPressure));
        _resendAfter = DeliverySettings.Create(Context.System).ResendAfter;
        if (_resendAfter > TimeSpan.Zero)
        {
            var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _resendAfter.Ticks / 4));
            Timers.StartPeriodicTimer(ResendTimer, ResendCheck.Instance, tick);
        }
        if (((ExtendedActorSystem)Context.System).Provider is ClusterActorRefProvider)
        {
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.MemberRemoved));
        }
        if (_forwarder is not null)
        {
            // The session starts once the router has said where to resume (asked again until it answers: it may be
            // moving to another node).
            Timers.StartPeriodicTimer(ResumeTimer, AskResume.Instance, TimeSpan.FromSeconds(1));
            AskWhereToResume();
            return;
        }
        StartSession();
    }

    private void AskWhereToResume() => _outputs.Tell(new ResumeRequest(Source, _forwarder!.Epoch));

    private void OnResumePoint(ResumePoint point)
    {
        if (point.Epoch > _forwarder!.Epoch && !_resumed && !_completing)
        {
            // The router knows a later epoch (another node's clock is ahead of ours): take the next one, ask again.
            _forwarder.Epoch = point.Epoch + 1;
            AskWhereToResume();
            return;
        }
        if (point.Epoch != _forwarder.Epoch)
        {
            return;
        }
        if (_completing && point.Finished)
        {
            Timers.Cancel(ResumeTimer);
            Report();
            return;
        }
        if (_resumed || _completing)
        {
            return;
        }
        _resumed = true;
        Timers.Cancel(ResumeTimer);
        if (point.Finished)
        {
            _log.Info("source {0}: already finished on another node; not run again", Source);
            _finished = true;
            Context.Stop(Self);
            return;
        }
        _lastAccepted = point.WrittenThrough;
        _resumeAt = point.At;
        if (point.WrittenThrough > 0)
        {
            _log.Warning("source {0}: resuming after event {1}, the last whose alerts were written (epoch {2}){3}", Source,
                point.WrittenThrough, point.Epoch, point.At is { } at ? $", from the plugin's position after event {at.Through}: {at.Position}" : "");
        }
        StartSession();
    }

    private void StartSession()
    {
        var s = _settings.Supervision;
        var options = Backoff.OnFailure(SourceActor.Props(_settings, Self), "session", s.MinBackoff, s.MaxBackoff,
                s.RandomFactor, s.MaxRetries)
            // Every failure, including a failing open or init (ActorInitializationException), re-creates the session,
            // up to the retry limit (the back-off supervisor counts against this strategy's limit). The guardian
            // logs each failure in one line, so the strategy does not log stack traces.
            .WithSupervisorStrategy(new OneForOneStrategy(s.MaxRetries, Timeout.Infinite, _ => Directive.Restart, loggingEnabled: false))
            .WithAutoReset(s.MaxBackoff);
        _supervisor = Context.ActorOf(BackoffSupervisor.Props(options), "supervisor");
        Context.Watch(_supervisor);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        if (((ExtendedActorSystem)Context.System).Provider is ClusterActorRefProvider)
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }

    private void OnSessionStarted()
    {
        _session = Sender;
        Context.Watch(_session);
        if (_sessions++ > 0)
        {
            _stats.AddRestart(Source);
            _log.Info("source {0}: session re-created (restart {1}); resuming after event {2}", Source, _sessions - 1, _lastAccepted);
        }
        var credits = Math.Max(0, _settings.BatchesInFlight - _inFlight.Count - _withheld);
        if (HoldForWrites)
        {
            _withheld += credits;
            credits = 0;
        }
        _session.Tell(new ResumeFrom(_lastAccepted, credits, _resumeAt));
        if (_outcome == SourceOutcome.Stopped)
        {
            _session.Tell(new StopPulling()); // a stop came while the session was being re-created
        }
    }

    private void OnBatchReady(BatchReady ready)
    {
        var batch = ready.Batch;
        if (batch.Count == 0)
        {
            Sender.Tell(new Credit(batch));
            return;
        }
        var seq = ++_nextSeq;
        _lastAccepted = batch[batch.Count - 1].Num;
        _resumeAt = ready.At ?? _resumeAt; // an older place stays valid: what follows it is skipped by number
        _accepted += (ulong)batch.Count;
        _stats.AddEventsIn(Source, batch.Count);
        _stats.BatchSent(Source);
        // In a cluster the alerts come back here, to go on to the router with the batch's position.
        var entityId = (uint)ready.Partition < (uint)_entityIds.Length
            ? _entityIds[ready.Partition]
            : EvaluateBatch.EntityIdOf(Source, ready.Partition);
        var message = new EvaluateBatch(entityId, Source, seq, batch,
            _forwarder is null ? _outputs : Self, Self);
        _inFlight[seq] = new InFlight(message, DateTime.UtcNow, ready.SafeThrough, ready.At);
        _evaluators.Tell(message);
    }

    /// <summary>Sends again every batch unconfirmed for at least <paramref name="age"/>.</summary>
    private void ResendUnconfirmed(TimeSpan age)
    {
        var now = DateTime.UtcNow;
        foreach (var (seq, sent) in _inFlight.Where(kv => now - kv.Value.SentAt >= age).ToList())
        {
            if (_resends++ % 100 == 0)
            {
                _log.Warning("source {0}: batch {1} was not confirmed within {2} s; sending it again ({3} re-send(s) so far)",
                    Source, seq, _resendAfter.TotalSeconds, _resends);
            }
            _inFlight[seq] = sent with { SentAt = now, Resent = true };
            _evaluators.Tell(sent.Message);
        }
    }

    private void OnBatchDone(BatchDone done)
    {
        if (!_inFlight.Remove(done.Seq, out var sent))
        {
            return; // a second confirmation of a re-sent batch
        }
        // A re-sent batch may still be queued at an evaluator (in process, by reference): never refill it.
        var batch = sent.Resent ? null : sent.Message.Batch;
        _stats.BatchDone(Source);
        if (_outputsBusy || HoldForWrites)
        {
            _withheld++;
        }
        else
        {
            _session?.Tell(new Credit(batch));
        }
        TryFinish();
    }

    /// <summary>In a cluster: the router is behind (or moving) and this guardian keeps many batches' alerts.</summary>
    private bool HoldForWrites => _forwarder is not null && _forwarder.Held >= 2 * _settings.BatchesInFlight;

    private void OnAlerts(AlertBatch alerts)
    {
        if (_inFlight.TryGetValue(alerts.Seq, out var sent) && _forwarder!.Arrived(alerts.Seq, sent.SafeThrough, sent.At, alerts.Alerts, Self))
        {
            // In a cluster the source's node counts its alerts (once per batch), wherever they were evaluated.
            foreach (var alert in alerts.Alerts)
            {
                _stats.AddAlert(alert.Rule, alert.Priority);
            }
        }
    }

    private void OnWritten(SourceAlertsWritten written)
    {
        if (written.Epoch != _forwarder!.Epoch)
        {
            return;
        }
        _forwarder.Written(written.Seq);
        ReleaseWithheld();
        TryFinish();
    }

    private void OnPressure(bool busy)
    {
        _outputsBusy = busy;
        ReleaseWithheld();
    }

    private void ReleaseWithheld()
    {
        for (; _withheld > 0 && !_outputsBusy && !HoldForWrites; _withheld--)
        {
            _session?.Tell(new Credit(null));
        }
    }

    private void OnStop()
    {
        _outcome ??= SourceOutcome.Stopped;
        if (_session is not null)
        {
            _session.Tell(new StopPulling());
        }
        else
        {
            Context.Stop(_supervisor); // between sessions (backing off): nothing to hand over
        }
        // Credits held back for busy outputs would keep a stopping session waiting forever.
        _outputsBusy = false;
        for (; _withheld > 0; _withheld--)
        {
            _session?.Tell(new Credit(null));
        }
    }

    private void TryFinish()
    {
        if (_finished || !_supervisorGone || _inFlight.Count > 0 || _forwarder is { Held: > 0 })
        {
            return;
        }
        if (_forwarder is not null && !_completing)
        {
            // Every alert is written: have the router record the source as finished (so no node runs it again), then report.
            _completing = true;
            _outputs.Tell(new SourceCompleted(Source, _forwarder.Epoch));
            Timers.StartPeriodicTimer(ResumeTimer, new SourceCompleted(Source, _forwarder.Epoch), TimeSpan.FromSeconds(1));
            return;
        }
        if (_forwarder is null)
        {
            Report();
        }
    }

    private void Report()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        var outcome = _outcome ?? SourceOutcome.Failed;
        if (outcome == SourceOutcome.Failed)
        {
            _log.Error("source {0}: given up after {1} restart(s): {2}", Source, Math.Max(0, _sessions - 1), _lastError ?? "the session stopped");
        }
        (_reportTo ?? Context.Parent).Tell(new SourceFinished(Source, outcome, _accepted, Math.Max(0, _sessions - 1), outcome == SourceOutcome.Failed ? _lastError : null));
        Context.Stop(Self);
    }

    /// <summary>A batch sent to the evaluators and not yet confirmed.</summary>
    private sealed record InFlight(EvaluateBatch Message, DateTime SentAt, ulong SafeThrough, StreamPosition? At, bool Resent = false);

    private sealed record AskResume : INoSerializationVerificationNeeded
    {
        public static readonly AskResume Instance = new();
    }

    private sealed record ResendCheck : INoSerializationVerificationNeeded
    {
        public static readonly ResendCheck Instance = new();
    }

    private sealed record CheckFinished : INoSerializationVerificationNeeded
    {
        public static readonly CheckFinished Instance = new();
    }
}
