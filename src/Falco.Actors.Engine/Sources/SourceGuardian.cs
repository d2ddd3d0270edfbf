using Akka.Actor;
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
/// </summary>
/// <remarks>
/// Skipping replayed events assumes the plugin replays the same sequence when reopened (files do). A source that
/// cannot replay (a live queue) loses the events the failed session had pulled but not yet handed over, and its
/// new session's first events are skipped up to the old count: give such plugins their own resume logic.
/// </remarks>
public sealed class SourceGuardian : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SourceSettings _settings;
    private readonly IActorRef _evaluators;
    private readonly IActorRef _outputs;
    private readonly EngineStatistics _stats;
    private readonly Dictionary<long, EventBatch> _inFlight = [];
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
    }

    private string Source => _settings.Source;

    public static Props Props(SourceSettings settings, IActorRef evaluators, IActorRef outputs, EngineStatistics stats) =>
        Akka.Actor.Props.Create(() => new SourceGuardian(settings, evaluators, outputs, stats));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(OutputPressure));
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

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

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
        _inFlight[seq] = batch;
        _stats.AddEventsIn(Source, batch.Count);
        _stats.BatchSent(Source);
        var entityId = EvaluateBatch.EntityIdOf(Source, ready.Partition);
        _evaluators.Tell(new EvaluateBatch(entityId, Source, seq, batch, _outputs, Self));
    }

    private void OnBatchDone(BatchDone done)
    {
        if (!_inFlight.Remove(done.Seq, out var batch))
        {
            return;
        }
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

    private sealed record CheckFinished
    {
        public static readonly CheckFinished Instance = new();
    }
}
