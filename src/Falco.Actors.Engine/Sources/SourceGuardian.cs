using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Pattern;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// The stable parent of one source. It runs the session (<see cref="SourceActor"/>) under a back-off supervisor and
/// keeps what must survive a session's failure (<see cref="SessionHistory"/>: a new session skips up to the last
/// event accepted, so nothing is evaluated twice) and the batches in flight with their credits
/// (<see cref="BatchLedger"/>). Every batch passes through it to the evaluators (numbered 1, 2, 3… for the output
/// order), and every <see cref="BatchDone"/> comes back to it. When the session has ended (EOF, stop, or given up)
/// and nothing is outstanding, it reports <see cref="SourceFinished"/> and stops.
/// <para>
/// Delivery to the evaluators is at least once: a batch not confirmed within <c>falco.delivery.resend-after</c>
/// (hocon) is sent again, unchanged and with the same number, to the same entity (which sharding may have moved to
/// another node after its node died); when a cluster member is removed, every unconfirmed batch is sent again at
/// once, since some may have been lost with it. Alerts of a batch evaluated twice are written once: the output
/// router drops a batch number it has already written.
/// </para>
/// <para>
/// Two shapes share this part: on a single node (<see cref="Props"/>, <see cref="SingleNodeSourceGuardian"/>) the
/// session starts at once and evaluators send alerts straight to the output router; in a cluster
/// (<see cref="ClusterProps"/>, <see cref="ClusterSourceGuardian"/>) the guardian is a singleton that first asks the
/// router where to resume and passes its batches' alerts on to the router itself.
/// </para>
/// <para>
/// A plugin call that does not return never holds events or the run hostage. Every batch time the guardian takes the
/// session's open batches if the session has been inside one next_batch call for that long
/// (<see cref="OpenBatchHandOff"/>), and on a stop at once, so what the plugin returned before it hung is evaluated.
/// A stop (or the end of the stream) waits <see cref="SourceSettings.ShutdownGrace"/>; then, if a plugin call of the
/// source (its session's or an evaluator's) is still in progress, the source is given up as failed with a message
/// naming the plugin, the call and its time, and the stuck actor is left behind (its later messages are ignored).
/// </para>
/// </summary>
/// <remarks>
/// Skipping replayed events assumes the plugin replays the same sequence when reopened (files do). A source that
/// cannot replay (a live queue) loses the events the failed session had pulled but not yet handed over, and its
/// new session's first events are skipped up to the old count: give such plugins their own resume logic.
/// </remarks>
public abstract class SourceGuardian : ReceiveActor, IWithTimers
{
    private const string ResendTimer = "resend";
    private const string TakeTimer = "take";
    private const string GraceTimer = "grace";
    private readonly IActorRef _evaluators;
    private readonly string[] _entityIds; // the evaluator entity id of each partition, made once rather than per batch
    private TimeSpan _resendAfter;
    private long _resends;
    private IActorRef _supervisor = ActorRefs.Nobody;
    private IActorRef? _session;
    private bool _supervisorGone;
    private readonly OpenBatchHandOff _handOff;
    private readonly Monitoring.PluginCallSlot _calls;
    private long _received;
    private bool _givenUp;
    private bool _stopAsked;

    private protected SourceGuardian(SourceSettings settings, IActorRef evaluators, EngineStatistics stats)
    {
        Settings = settings;
        Stats = stats;
        Ledger = new BatchLedger(settings.BatchesInFlight);
        _handOff = new OpenBatchHandOff(SourceActor.OpenBatches(settings));
        _calls = settings.Watchdog?.Register("the session", settings.Source) ?? Monitoring.PluginCallSlot.Unwatched("the session", settings.Source);
        _evaluators = evaluators;
        _entityIds = new string[Math.Max(1, settings.Partitions)];
        for (var i = 0; i < _entityIds.Length; i++)
        {
            _entityIds[i] = EvaluateBatch.EntityIdOf(settings.Source, i);
        }
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private protected SourceSettings Settings { get; }

    private protected EngineStatistics Stats { get; }

    private protected BatchLedger Ledger { get; }

    private protected SessionHistory History { get; } = new();

    private protected ILoggingAdapter Log { get; } = Context.GetLogger();

    private protected string Source => Settings.Source;

    /// <summary>Where evaluators send a batch's alerts (<see cref="EvaluateBatch.Outputs"/>).</summary>
    private protected abstract IActorRef AlertsTo { get; }

    /// <summary>A guardian on a single node: alerts go to <paramref name="outputs"/>, the report to its parent.</summary>
    public static Props Props(SourceSettings settings, IActorRef evaluators, IActorRef outputs, EngineStatistics stats) =>
        Akka.Actor.Props.Create(() => new SingleNodeSourceGuardian(settings, evaluators, outputs, stats));

    /// <summary>A guardian run as a cluster singleton: it resumes where the router says and reports to <paramref name="coordinator"/>.</summary>
    /// <param name="outputRouter">The output router singleton's proxy.</param>
    /// <param name="coordinator">The node's coordinator (the parent is the singleton manager).</param>
    public static Props ClusterProps(SourceSettings settings, IActorRef evaluators, IActorRef outputRouter, EngineStatistics stats,
        IActorRef coordinator) =>
        Akka.Actor.Props.Create(() => new ClusterSourceGuardian(settings, evaluators, outputRouter, stats, coordinator));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(OutputPressure));
        _resendAfter = DeliverySettings.Create(Context.System).ResendAfter;
        if (_resendAfter > TimeSpan.Zero)
        {
            var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _resendAfter.Ticks / 4));
            Timers.StartPeriodicTimer(ResendTimer, ResendCheck.Instance, tick);
        }
        // At the batch time (no more often than 20 times a second): the longest an open batch waits anyway.
        Timers.StartPeriodicTimer(TakeTimer, TakeOpenBatches.Instance,
            TimeSpan.FromTicks(Math.Max(Settings.BatchTime.Ticks, TimeSpan.FromMilliseconds(50).Ticks)));
        if (((ExtendedActorSystem)Context.System).Provider is ClusterActorRefProvider)
        {
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.MemberRemoved));
        }
    }

    protected override void PostStop()
    {
        if (!_givenUp)
        {
            _calls.Dispose(); // a slot whose session is stuck stays watched
        }
        Context.System.EventStream.Unsubscribe(Self);
        if (((ExtendedActorSystem)Context.System).Provider is ClusterActorRefProvider)
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }

    /// <summary>
    /// The behaviour while the source runs: the session's batches and their confirmations, the session's life
    /// (<see cref="ReceiveSessionLife"/>), and a stop and the delivery checks (<see cref="ReceiveStopAndDelivery"/>).
    /// </summary>
    private protected void ReceiveSessionAndBatches()
    {
        // The two per-batch messages first.
        Receive<BatchReady>(ready =>
        {
            _received++;
            OnBatchReady(ready);
        });
        Receive<BatchDone>(OnBatchDone);
        ReceiveSessionLife();
        ReceiveStopAndDelivery();
    }

    /// <summary>A stop, the outputs' pressure, the re-send tick and a member's removal: handled before the session runs too.</summary>
    private protected void ReceiveStopAndDelivery()
    {
        Receive<StopSource>(_ => OnStop());
        Receive<TakeOpenBatches>(_ => TakeFromSession(Settings.BatchTime));
        Receive<GraceOver>(_ => OnGraceOver());
        Receive<OutputPressure>(p =>
        {
            Ledger.OutputsBusy = p.Busy;
            ReleaseWithheld();
        });
        Receive<ResendCheck>(_ =>
        {
            ResendUnconfirmed(_resendAfter);
            ResendUnwritten(_resendAfter);
        });
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            if (Ledger.Count > 0)
            {
                Log.Warning("source {0}: node {1} left the cluster; sending the {2} unconfirmed batch(es) again",
                    Source, removed.Member.Address, Ledger.Count);
                ResendUnconfirmed(TimeSpan.Zero);
            }
            // The output router may have lived there: what it did not confirm goes to its successor.
            ResendUnwritten(TimeSpan.Zero);
        });
    }

    /// <summary>In a cluster: sends the router again the alerts it has not confirmed for at least <paramref name="age"/>.</summary>
    private protected virtual void ResendUnwritten(TimeSpan age)
    {
    }

    /// <summary>The session is over and nothing is outstanding: report, or (in a cluster) first have the router record it.</summary>
    private protected abstract void AllConfirmed();

    /// <summary>Runs the session under a back-off supervisor; it says <see cref="SessionStarted"/> when open.</summary>
    private protected void StartSession()
    {
        var s = Settings.Supervision;
        var options = Backoff.OnFailure(SourceActor.Props(Settings, Self, _handOff, _calls), "session", s.MinBackoff, s.MaxBackoff,
                s.RandomFactor, s.MaxRetries)
            // Every failure, including a failing open or init (ActorInitializationException), re-creates the session,
            // up to the retry limit (the back-off supervisor counts against this strategy's limit). The guardian
            // logs each failure in one line, so the strategy does not log stack traces.
            .WithSupervisorStrategy(new OneForOneStrategy(s.MaxRetries, Timeout.Infinite, _ => Directive.Restart, loggingEnabled: false))
            .WithAutoReset(s.MaxBackoff);
        _supervisor = Context.ActorOf(BackoffSupervisor.Props(options), "supervisor");
        Context.Watch(_supervisor);
    }

    /// <summary>Sends the source's report to <paramref name="to"/> and stops.</summary>
    private protected void Report(IActorRef to)
    {
        var finished = History.Finished(Source);
        if (finished.Outcome == SourceOutcome.Failed)
        {
            Log.Error("source {0}: given up after {1} restart(s): {2}", Source, History.Restarts, History.LastError ?? "the session stopped");
        }
        to.Tell(finished);
        Context.Stop(Self);
    }

    /// <summary>Gives the session the withheld credits that may go now.</summary>
    private protected void ReleaseWithheld() => GiveCredits(Ledger.Release());

    private protected void TryFinish()
    {
        if (_supervisorGone && !Ledger.HasOutstanding)
        {
            Finish();
        }
    }

    private void Finish()
    {
        Timers.Cancel(TakeTimer);
        Timers.Cancel(GraceTimer);
        AllConfirmed();
    }

    private void ReceiveSessionLife()
    {
        Receive<SessionStarted>(_ => OnSessionStarted());
        Receive<SessionFailed>(f =>
        {
            History.SessionFailed(f);
            Log.Warning("source {0}: session failed ({1}); it will be re-created with back-off", Source, f.Error);
        });
        Receive<PluginMetricsRead>(read =>
        {
            foreach (var metric in read.Changes)
            {
                Stats.AddPluginMetric(metric.Name, metric.Type, metric.Value);
            }
        });
        Receive<EventsReplayed>(r =>
        {
            Stats.AddReplayed(Source, (long)r.Count);
            Log.Info("source {0}: read again and skipped {1} event(s) an earlier session had accepted", Source, r.Count);
        });
        Receive<SessionEnded>(e =>
        {
            History.SessionEnded(e.Eof);
            StartGrace(); // the session now closes and destroys its state: that must not hang the run either
        });
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
    }

    private void OnSessionStarted()
    {
        if (_givenUp)
        {
            return;
        }
        _session = Sender;
        Context.Watch(_session);
        if (History.SessionStarted())
        {
            Stats.AddRestart(Source);
            Log.Info("source {0}: session re-created (restart {1}); resuming after event {2}", Source, History.Restarts, History.LastAccepted);
        }
        _session.Tell(History.ResumeFrom(Ledger.CreditsForNewSession()));
        if (History.StopRequested)
        {
            _session.Tell(new StopPulling()); // a stop came while the session was being re-created
        }
    }

    private void OnBatchReady(BatchReady ready)
    {
        var batch = ready.Batch;
        if (_givenUp)
        {
            return; // a stuck session given up came back: its stream is no longer this source's
        }
        if (batch.Count == 0)
        {
            Sender.Tell(new Credit(batch));
            return;
        }
        History.Accepted(batch, ready.At);
        Stats.AddEventsIn(Source, batch.Count);
        Stats.BatchSent(Source);
        var partition = ready.Partition >= 0 ? ready.Partition : (int)(Ledger.NextSeq % _entityIds.Length);
        var entityId = (uint)partition < (uint)_entityIds.Length
            ? _entityIds[partition]
            : EvaluateBatch.EntityIdOf(Source, partition);
        var message = new EvaluateBatch(entityId, Source, Ledger.NextSeq, batch, AlertsTo, Self);
        Ledger.Add(message, ready.SafeThrough, ready.At, DateTime.UtcNow);
        _evaluators.Tell(message);
    }

    private void OnBatchDone(BatchDone done)
    {
        if (!Ledger.Confirm(done.Seq, out var credit))
        {
            return; // a second confirmation of a re-sent batch
        }
        Stats.BatchDone(Source);
        if (credit is not null)
        {
            _session?.Tell(credit);
        }
        TryFinish();
    }

    /// <summary>Sends again every batch unconfirmed for at least <paramref name="age"/>.</summary>
    private void ResendUnconfirmed(TimeSpan age)
    {
        foreach (var message in Ledger.DueForResend(age, DateTime.UtcNow))
        {
            if (_resends++ % 100 == 0)
            {
                Log.Warning("source {0}: batch {1} was not confirmed within {2} s; sending it again ({3} re-send(s) so far)",
                    Source, message.Seq, _resendAfter.TotalSeconds, _resends);
            }
            _evaluators.Tell(message);
        }
    }

    /// <summary>
    /// Takes the session's open batches when it has been inside one next_batch call for at least <paramref name="waited"/>
    /// (they would have gone out after the batch time had the session been free); see <see cref="OpenBatchHandOff"/>.
    /// </summary>
    private void TakeFromSession(TimeSpan waited)
    {
        if (_givenUp)
        {
            return;
        }
        foreach (var ready in _handOff.Take(waited, _received, SourceActor.OpenBatches(Settings) > 1))
        {
            OnBatchReady(ready);
        }
    }

    /// <summary>Starts the stop's grace period, once.</summary>
    private void StartGrace()
    {
        if (!Timers.IsTimerActive(GraceTimer))
        {
            Timers.StartSingleTimer(GraceTimer, GraceOver.Instance, Settings.ShutdownGrace);
        }
    }

    /// <summary>
    /// The grace period is over and the source has not finished. After a stop, if a plugin call of the source is in
    /// progress, the source is given up; after the end of its stream, only if that call is over the watchdog's limit
    /// (a slow call at the end of a finite source is waited for). Else it is only slow (evaluating, writing), and the
    /// guardian looks again in a second.
    /// </summary>
    private void OnGraceOver()
    {
        var stuck = Settings.Watchdog?.InProgress(Source)
                    ?? (_calls.Current is { } call ? [new Monitoring.PluginCallInProgress(call.Plugin, call.CallName, _calls.Owner, Source, Settings.ShutdownGrace)] : []);
        if (!_stopAsked && Settings.Watchdog is { } watchdog)
        {
            stuck = watchdog.Timeout > TimeSpan.Zero ? [.. stuck.Where(c => c.Running >= watchdog.Timeout)] : [];
        }
        if (stuck.Count == 0 || _givenUp)
        {
            Timers.StartSingleTimer(GraceTimer, GraceOver.Instance, TimeSpan.FromSeconds(1));
            return;
        }
        _givenUp = true;
        History.GivenUp($"{string.Join("; ", stuck.Select(c => c.Text))}; given up after the shutdown grace period "
                        + $"(engine_actors.shutdown_grace_s: {Monitoring.PluginWatchdog.Seconds(Settings.ShutdownGrace)} s)");
        Finish();
    }

    private void OnStop()
    {
        _stopAsked = true;
        Timers.StartSingleTimer(GraceTimer, GraceOver.Instance, Settings.ShutdownGrace); // from the stop, even after an end's
        TakeFromSession(TimeSpan.Zero); // a session inside a call cannot answer the stop until it returns
        History.RequestStop();
        if (_session is not null)
        {
            _session.Tell(new StopPulling());
        }
        else
        {
            Context.Stop(_supervisor); // between sessions (backing off), or none yet: nothing to hand over
        }
        GiveCredits(Ledger.ReleaseForStop());
    }

    private void GiveCredits(int credits)
    {
        for (var i = 0; i < credits; i++)
        {
            _session?.Tell(new Credit(null));
        }
    }

    private sealed record ResendCheck : INoSerializationVerificationNeeded
    {
        public static readonly ResendCheck Instance = new();
    }

    private sealed record TakeOpenBatches : INoSerializationVerificationNeeded
    {
        public static readonly TakeOpenBatches Instance = new();
    }

    private sealed record GraceOver : INoSerializationVerificationNeeded
    {
        public static readonly GraceOver Instance = new();
    }

    private sealed record CheckFinished : INoSerializationVerificationNeeded
    {
        public static readonly CheckFinished Instance = new();
    }
}
