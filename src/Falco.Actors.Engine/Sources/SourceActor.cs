using System.Diagnostics;
using Akka.Actor;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// One open session of a source plugin. It runs on a pinned dispatcher and alone calls its plugin state, which it
/// creates and opens when it starts and closes and destroys when it stops. It pulls <c>next_batch</c> only while it
/// has credit, gathers events into batches of up to <see cref="SourceSettings.BatchSize"/> events (a batch may exceed
/// it by the events of one <c>next_batch</c> call) or <see cref="SourceSettings.BatchTime"/>, and hands each batch to
/// its guardian, which sends it on. A TIMEOUT schedules the next pull after a short delay instead of spinning.
/// Events numbered up to the guardian's <see cref="ResumeFrom.SkipThrough"/> were accepted by an earlier session and
/// are skipped. A failure hands over the complete batches it has credit for, tells the guardian, and throws: the
/// back-off supervisor then re-creates the session.
/// <para>
/// Every plugin call is marked in the source's <see cref="PluginCallSlot"/> (the watchdog reports one that does not
/// return), and during next_batch the open batches are offered to the guardian (<see cref="OpenBatchHandOff"/>), so
/// events returned before a call that hangs are still evaluated.
/// </para>
/// </summary>
public sealed class SourceActor : ReceiveActor, IWithTimers
{
    private const string PullTimer = "pull";
    private readonly SourceSettings _settings;
    private readonly IActorRef _guardian;
    private readonly bool _keyed;
    private readonly EventBatch?[] _open;
    private readonly long[] _openedAt;
    private readonly Stack<EventBatch> _free = new();
    private readonly EventBatch _scratch;
    private readonly long _batchTimeTicks;
    private readonly OpenBatchHandOff _handOff;
    private readonly PluginCallSlot _calls;
    private readonly PluginCallSite[] _sites;
    private IPluginInstance? _instance;
    private IPluginSession? _session;
    private PartitionKeyReader? _keyReader;
    private bool _resumed;
    private int _credits;
    private ulong _skipThrough;
    private ulong _lastNum;
    private ulong _replayed;
    private int _roundRobin;
    private bool _pullPending;
    private bool? _endedByEof;
    private PluginMetricDeltas? _metrics;
    private long _metricsReadAt;

    public SourceActor(SourceSettings settings, IActorRef guardian) : this(settings, guardian, null, null)
    {
    }

    public SourceActor(SourceSettings settings, IActorRef guardian, OpenBatchHandOff? handOff, PluginCallSlot? calls)
    {
        _settings = settings;
        _guardian = guardian;
        _keyed = settings.PartitionKey.Length > 0 && settings.Partitions > 1;
        _open = new EventBatch?[OpenBatches(settings)];
        _handOff = handOff ?? new OpenBatchHandOff(_open.Length);
        _calls = calls ?? PluginCallSlot.Unwatched("the session", settings.Source);
        _sites = PluginCallSite.AllOf(settings.Plugin.Name);
        _openedAt = new long[_open.Length];
        _scratch = NewBatch();
        _batchTimeTicks = (long)(settings.BatchTime.TotalSeconds * Stopwatch.Frequency);

        Receive<ResumeFrom>(OnResume);
        Receive<Pull>(_ =>
        {
            _pullPending = false;
            PullOnce();
        });
        Receive<Credit>(OnCredit);
        Receive<StopPulling>(_ =>
        {
            ReportReplayed(ended: true);
            _endedByEof ??= false;
            TryFinish();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SourceSettings settings, IActorRef guardian) =>
        Akka.Actor.Props.Create(() => new SourceActor(settings, guardian)).WithDispatcher(settings.Dispatcher);

    /// <summary>A session whose open batches its guardian may take through <paramref name="handOff"/>, its calls marked in <paramref name="calls"/>.</summary>
    internal static Props Props(SourceSettings settings, IActorRef guardian, OpenBatchHandOff handOff, PluginCallSlot calls) =>
        Akka.Actor.Props.Create(() => new SourceActor(settings, guardian, handOff, calls)).WithDispatcher(settings.Dispatcher);

    /// <summary>How many batches a session keeps open: one per partition with a partition key, else one.</summary>
    internal static int OpenBatches(SourceSettings settings) =>
        settings.PartitionKey.Length > 0 && settings.Partitions > 1 ? settings.Partitions : 1;

    protected override void PreStart()
    {
        try
        {
            Enter(PluginCall.Init);
            _instance = _settings.Plugin.CreateInstance();
            Enter(PluginCall.Open);
            _session = _instance.Open(_settings.OpenParams);
            _calls.Exit();
            if (_keyed)
            {
                _keyReader = new PartitionKeyReader(_settings.Fields, _settings.PartitionKey, _settings.Partitions, _calls);
            }
        }
        catch (Exception e)
        {
            // init or open failed: destroy what was created (an actor failing to start gets no PostStop), say why,
            // then fail like a broken stream.
            _calls.Exit();
            PostStop();
            _guardian.Tell(new SessionFailed(e.Message));
            throw;
        }
        _guardian.Tell(new SessionStarted());
    }

    protected override void PostStop()
    {
        ReportMetrics(force: true);
        // Close the stream, then destroy the states, on this actor's own thread.
        try
        {
            Enter(PluginCall.Close);
            _session?.Dispose();
            _session = null;
            _keyReader?.Dispose();
            _keyReader = null;
            Enter(PluginCall.Destroy);
            _instance?.Dispose();
            _instance = null;
        }
        finally
        {
            _calls.Exit();
        }
    }

    private void OnResume(ResumeFrom resume)
    {
        _resumed = true;
        _skipThrough = resume.SkipThrough;
        _credits = resume.Credits;
        if (resume.At is { } at && at.Through > _lastNum && _session is IResumableSession resumable)
        {
            // The plugin continues where an earlier session stood (a file and its records taken); the rest up to
            // SkipThrough is skipped by number.
            try
            {
                Enter(PluginCall.Resume);
                _lastNum = Math.Max(_lastNum, resumable.ResumeAfter(at.Through, at.Position));
            }
            catch (Exception e)
            {
                _calls.Exit();
                _guardian.Tell(new SessionFailed($"cannot resume at {at.Position} (after event {at.Through}): {e.Message}", AtResume: true));
                throw;
            }
            _calls.Exit();
        }
        PullSoon();
    }

    private void OnCredit(Credit credit)
    {
        _credits++;
        if (credit.Recycled is { } batch && _free.Count < _settings.BatchesInFlight)
        {
            batch.Clear();
            _free.Push(batch);
        }
        if (_endedByEof is not null)
        {
            TryFinish();
            return;
        }
        SendReady(flushAll: false);
        PullSoon();
    }

    private void PullOnce()
    {
        if (!_resumed || _endedByEof is not null || _credits <= 0)
        {
            return; // a credit or a resume starts pulling again
        }
        // The call appends straight into the open batch only while that is empty: a batch holding events is offered
        // to the guardian during the call and must not change under it (the call then goes to the scratch batch).
        var direct = !_keyed && _lastNum >= _skipThrough && _open[0] is not { Count: > 0 };
        var target = direct ? Open(0) : _scratch;
        var before = target.Count;
        BatchStatus status;
        _handOff.Offer(_open, _lastNum);
        try
        {
            Enter(PluginCall.NextBatch);
            status = _session!.NextBatch(target);
        }
        catch (Exception e)
        {
            _calls.Exit();
            Withdraw();
            if (!direct)
            {
                Distribute();
            }
            ReportReplayed(ended: true);
            // What is batched and has credit is handed over; the rest is replayed by the next session.
            SendReady(flushAll: true);
            _guardian.Tell(new SessionFailed(e.Message));
            throw;
        }
        _calls.Exit();
        Withdraw();
        var pulled = target.Count - before;
        if (direct)
        {
            if (pulled > 0)
            {
                _lastNum = target[target.Count - 1].Num;
                if (before == 0)
                {
                    _openedAt[0] = Stopwatch.GetTimestamp();
                }
            }
        }
        else
        {
            Distribute();
            ReportReplayed(ended: status == BatchStatus.Eof);
        }
        SendReady(flushAll: false);
        ReportMetrics(force: false);
        switch (status)
        {
            case BatchStatus.Eof:
                _endedByEof = true;
                TryFinish();
                break;
            case BatchStatus.Timeout:
                PullLater();
                break;
            default:
                if (pulled > 0)
                {
                    PullSoon();
                }
                else
                {
                    PullLater(); // a SUCCESS with no event: do not spin on it either
                }
                break;
        }
    }

    /// <summary>Moves the scratch batch's events into the open batch of their partition, skipping replayed ones.</summary>
    private void Distribute()
    {
        for (var i = 0; i < _scratch.Count; i++)
        {
            var evt = _scratch[i];
            _lastNum = evt.Num;
            if (evt.Num <= _skipThrough)
            {
                _replayed++;
                continue;
            }
            var partition = _keyReader?.PartitionOf(evt) ?? 0;
            var batch = Open(partition);
            if (batch.Count == 0)
            {
                _openedAt[partition] = Stopwatch.GetTimestamp();
            }
            batch.Add(evt.Num, evt.TimestampNs, evt.PluginId, evt.Payload.Span);
        }
        _scratch.Clear();
    }

    /// <summary>Tells the guardian how many events were skipped, once past them (or at the end).</summary>
    private void ReportReplayed(bool ended)
    {
        if (_replayed > 0 && (ended || _lastNum >= _skipThrough))
        {
            _guardian.Tell(new EventsReplayed(_replayed));
            _replayed = 0;
        }
    }

    /// <summary>Hands over the batches that are full or old enough (or every non-empty one), while credit lasts.</summary>
    private void SendReady(bool flushAll)
    {
        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < _open.Length && _credits > 0; i++)
        {
            if (_open[i] is not { Count: > 0 } batch)
            {
                continue;
            }
            if (!flushAll && batch.Count < _settings.BatchSize && now - _openedAt[i] < _batchTimeTicks)
            {
                continue;
            }
            var partition = _keyed ? i : _roundRobin++ % Math.Max(1, _settings.Partitions);
            _open[i] = null;
            var safe = SafeThrough();
            _guardian.Tell(new BatchReady(batch, partition, safe, PositionAfter(safe)));
            _handOff.Sent++;
            _credits--;
        }
    }

    /// <summary>Where the plugin's stream stands after event <paramref name="safe"/>, if it can say (once per batch).</summary>
    private StreamPosition? PositionAfter(ulong safe)
    {
        if (safe == 0 || _session is not IResumableSession resumable)
        {
            return null;
        }
        try
        {
            Enter(PluginCall.Position);
            return resumable.PositionAfter(safe) is { } position ? new StreamPosition(safe, position) : null;
        }
        catch (PluginException)
        {
            return null; // a position is an optimisation: without one a new session skips by number
        }
        finally
        {
            _calls.Exit();
        }
    }

    /// <summary>The highest event number such that it and every event before it have been handed over.</summary>
    private ulong SafeThrough()
    {
        var held = ulong.MaxValue;
        foreach (var open in _open)
        {
            if (open is { Count: > 0 } && open[0].Num < held)
            {
                held = open[0].Num;
            }
        }
        return held == ulong.MaxValue ? _lastNum : held - 1;
    }

    /// <summary>Ends the hand-off offer of a next_batch call: what the guardian took is no longer this session's.</summary>
    private void Withdraw() => _credits -= _handOff.Withdraw(_open);

    private void Enter(PluginCall call) => _calls.Enter(_sites[(int)call]);

    private void TryFinish()
    {
        SendReady(flushAll: true);
        if (_open.Any(b => b is { Count: > 0 }))
        {
            return; // waits for credit
        }
        _guardian.Tell(new SessionEnded(_endedByEof == true));
        Context.Stop(Self);
    }

    private EventBatch Open(int partition) => _open[partition] ??= _free.Count > 0 ? _free.Pop() : NewBatch();

    private EventBatch NewBatch() => new(Math.Max(1, _settings.BatchSize));

    private void PullSoon()
    {
        if (_pullPending)
        {
            return;
        }
        _pullPending = true;
        Self.Tell(Pull.Instance);
    }

    private void PullLater()
    {
        if (_pullPending)
        {
            return;
        }
        _pullPending = true;
        Timers.StartSingleTimer(PullTimer, Pull.Instance, _settings.PollDelay);
    }

    /// <summary>
    /// Hands the guardian what the plugin state's metrics (what it skipped, and why) changed by: at most once a second
    /// while pulling, and when the session ends. A plugin failing to answer loses only that reading.
    /// </summary>
    private void ReportMetrics(bool force)
    {
        var now = Stopwatch.GetTimestamp();
        if (_instance is null || (!force && now - _metricsReadAt < Stopwatch.Frequency))
        {
            return;
        }
        _metricsReadAt = now;
        IReadOnlyList<PluginMetric> reading;
        try
        {
            reading = _instance.GetMetrics();
        }
        catch (PluginException)
        {
            return;
        }
        var changes = (_metrics ??= new PluginMetricDeltas(_settings.Plugin.Name)).Changes(reading);
        if (changes.Count > 0)
        {
            _guardian.Tell(new PluginMetricsRead(changes));
        }
    }
}
