using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Pattern;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.OutputActors;
using Falco.Actors.Engine.Pipeline;
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
/// </summary>
/// <remarks>
/// Skipping replayed events assumes the plugin replays the same sequence when reopened (files do). A source that
/// cannot replay (a live queue) loses the events the failed session had pulled but not yet handed over, and its
/// new session's first events are skipped up to the old count: give such plugins their own resume logic.
/// </remarks>
public sealed class SourceGuardian : ReceiveActor, IWithTimers
{
    private const string ResendTimer = "resend";
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SourceSettings _settings;
    private readonly IActorRef _evaluators;
    private readonly IActorRef _outputs;
    private readonly EngineStatistics _stats;
    private readonly Dictionary<long, InFlight> _inFlight = [];
    private TimeSpan _resendAfter;
    private long _resends;
    private IActorRef _supervisor = ActorRefs.Nobody;
    private IActorRef? _session;
    private ulong _lastAccepted;
    private ulong _accepted;
    private long _nextSeq;
    private int _sessions;
    private int _withheld;
    private bool _outputsBusy;
    private SourceOutcome? _outcome;
    private bool _supervisorGone;
    private string? _lastError;
    private bool _finished;

    public SourceGuardian(SourceSettings settings, IActorRef evaluators, IActorRef outputs, EngineStatistics stats)
    {
        _settings = settings;
        _evaluators = evaluators;
        _outputs = outputs;
        _stats = stats;

        Receive<SessionStarted>(_ => OnSessionStarted());
        Receive<BatchReady>(OnBatchReady);
        Receive<BatchDone>(OnBatchDone);
        Receive<SessionFailed>(f =>
        {
            _lastError = f.Error;
            _log.Warning("source {0}: session failed ({1}); it will be re-created with back-off", Source, f.Error);
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
        Receive<ResendCheck>(_ => ResendUnconfirmed(_resendAfter));
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            if (_inFlight.Count > 0)
            {
                _log.Warning("source {0}: node {1} left the cluster; sending the {2} unconfirmed batch(es) again",
                    Source, removed.Member.Address, _inFlight.Count);
                ResendUnconfirmed(TimeSpan.Zero);
            }
        });
    }

    private string Source => _settings.Source;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SourceSettings settings, IActorRef evaluators, IActorRef outputs, EngineStatistics stats) =>
        Akka.Actor.Props.Create(() => new SourceGuardian(settings, evaluators, outputs, stats));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(OutputPressure));
        _resendAfter = Context.System.Settings.Config.GetTimeSpan("falco.delivery.resend-after", TimeSpan.Zero, allowInfinite: false);
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
        _session.Tell(new ResumeFrom(_lastAccepted, credits));
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
        _accepted += (ulong)batch.Count;
        _stats.AddEventsIn(Source, batch.Count);
        _stats.BatchSent(Source);
        var message = new EvaluateBatch(EvaluateBatch.EntityIdOf(Source, ready.Partition), Source, seq, batch, _outputs, Self);
        _inFlight[seq] = new InFlight(message, DateTime.UtcNow);
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
        if (_outputsBusy)
        {
            _withheld++;
        }
        else
        {
            _session?.Tell(new Credit(batch));
        }
        TryFinish();
    }

    private void OnPressure(bool busy)
    {
        _outputsBusy = busy;
        if (!busy)
        {
            for (; _withheld > 0; _withheld--)
            {
                _session?.Tell(new Credit(null));
            }
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
        OnPressure(false);
    }

    private void TryFinish()
    {
        if (_finished || !_supervisorGone || _inFlight.Count > 0)
        {
            return;
        }
        _finished = true;
        var outcome = _outcome ?? SourceOutcome.Failed;
        if (outcome == SourceOutcome.Failed)
        {
            _log.Error("source {0}: given up after {1} restart(s): {2}", Source, Math.Max(0, _sessions - 1), _lastError ?? "the session stopped");
        }
        Context.Parent.Tell(new SourceFinished(Source, outcome, _accepted, Math.Max(0, _sessions - 1), outcome == SourceOutcome.Failed ? _lastError : null));
        Context.Stop(Self);
    }

    /// <summary>A batch sent to the evaluators and not yet confirmed.</summary>
    private sealed record InFlight(EvaluateBatch Message, DateTime SentAt, bool Resent = false);

    private sealed record ResendCheck : INoSerializationVerificationNeeded
    {
        public static readonly ResendCheck Instance = new();
    }

    private sealed record CheckFinished : INoSerializationVerificationNeeded
    {
        public static readonly CheckFinished Instance = new();
    }
}
