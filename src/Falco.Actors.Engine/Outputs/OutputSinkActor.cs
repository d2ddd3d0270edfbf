using Akka.Actor;
using Akka.Event;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// One enabled output with its own bounded queue (<c>outputs_queue.capacity</c> alerts). It takes every
/// <see cref="WriteAlerts"/> at once, so neither the router nor the other outputs ever wait for it: what fits is
/// queued, the rest is dropped and counted (<see cref="OutputLossKind.QueueFull"/>), as Falco drops when its outputs
/// queue is full. It writes the queue strictly in order, one chunk at a time, in a task of its own while its mailbox
/// keeps taking alerts. A delivery that fails is retried and then given up by <see cref="RetryingAlertSink"/> (each
/// attempt bounded by <c>output_timeout</c>), and counted. <see cref="FlushSink"/> (the end of a run, a hand-over)
/// writes what is queued, then flushes; once the output fails during it, the rest is discarded and counted, so a
/// stuck output cannot hold the end of a run either. Repeated drops are logged at most once per
/// <see cref="LogInterval"/>. The host owns and disposes the sink.
/// </summary>
public sealed class OutputSinkActor : ReceiveActor
{
    /// <summary>Alerts written per task: the mailbox is read between chunks.</summary>
    private const int ChunkSize = 256;

    /// <summary>How often a repeated loss is logged.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IAlertSink _sink;
    private readonly RetryingAlertSink? _retrying; // _sink when it retries (and counts what it gives up), else null
    private readonly EngineStatistics _stats;
    private readonly int _capacity;
    private readonly Queue<FormattedAlert> _queue = new();
    private readonly List<IActorRef> _flushRequesters = [];
    private readonly LogThrottle _queueFullLog = new(LogInterval);
    private readonly LogThrottle _gaveUpLog = new(LogInterval);
    private readonly LogThrottle _retriedLog = new(LogInterval);
    private volatile bool _draining; // read by the writing task: stop at the first alert given up
    private bool _writing;
    private bool _flushing;
    private bool _failing;
    private string? _lastError; // written by the writing task, read by the actor once the task is done

    public OutputSinkActor(IAlertSink sink, EngineStatistics stats, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _sink = sink;
        _stats = stats;
        _capacity = capacity;
        _retrying = sink as RetryingAlertSink;
        if (_retrying is not null)
        {
            _retrying.Failed += Remember;
        }
        Receive<WriteAlerts>(msg => Enqueue(msg.Alerts));
        Receive<ChunkWritten>(OnChunkWritten);
        Receive<FlushSink>(_ =>
        {
            _flushRequesters.Add(Sender);
            _draining = true;
            if (_failing)
            {
                DiscardQueued();
            }
            WriteNext();
        });
        Receive<FlushDone>(done =>
        {
            _flushing = false;
            if (done.Error is not null)
            {
                _log.Warning("{0} output: flush failed: {1}", _sink.Name, done.Error);
            }
            ReportHeldBack();
            _draining = false;
            foreach (var requester in _flushRequesters)
            {
                requester.Tell(new SinkFlushed());
            }
            _flushRequesters.Clear();
            WriteNext(); // alerts that came during the flush
        });
    }

    public static Props Props(IAlertSink sink, EngineStatistics stats, int capacity) =>
        Akka.Actor.Props.Create(() => new OutputSinkActor(sink, stats, capacity));

    protected override void PostStop()
    {
        if (_retrying is not null)
        {
            _retrying.Failed -= Remember;
        }
    }

    private void Enqueue(IReadOnlyList<FormattedAlert> alerts)
    {
        var room = Math.Max(0, _capacity - _queue.Count);
        var accepted = Math.Min(room, alerts.Count);
        for (var i = 0; i < accepted; i++)
        {
            _queue.Enqueue(alerts[i]);
        }
        var dropped = alerts.Count - accepted;
        if (dropped > 0)
        {
            _stats.AddDropped(OutputLoss.Key(OutputLossKind.QueueFull, _sink.Name), dropped);
            if (_queueFullLog.TryLog(dropped, out var total))
            {
                // Falco's words for a full outputs queue, then which output and how many.
                _log.Error("Outputs queue out of memory. Drop event and continue on ... ({0} output: its queue of {1} alert(s) is full; {2} alert(s) dropped)",
                    _sink.Name, _capacity, total);
            }
        }
        WriteNext();
    }

    private void WriteNext()
    {
        if (_writing || _flushing)
        {
            return;
        }
        if (_queue.Count == 0)
        {
            if (_flushRequesters.Count > 0)
            {
                _flushing = true;
                FlushAsync().PipeTo(Self);
            }
            return;
        }
        var chunk = new FormattedAlert[Math.Min(ChunkSize, _queue.Count)];
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = _queue.Dequeue();
        }
        _writing = true;
        WriteAsync(chunk).PipeTo(Self);
    }

    /// <summary>Off the actor's thread: only this task uses the sink while it runs.</summary>
    private async Task<ChunkWritten> WriteAsync(FormattedAlert[] chunk)
    {
        var retriedBefore = _retrying?.FailedAttempts ?? 0;
        var gaveUpBefore = _retrying?.Dropped ?? 0;
        int written = 0, gaveUp = 0, tried = 0;
        var failing = false;
        while (tried < chunk.Length)
        {
            var alert = chunk[tried++];
            var droppedBefore = _retrying?.Dropped ?? 0;
            try
            {
                await _sink.WriteAsync(alert);
                failing = (_retrying?.Dropped ?? 0) > droppedBefore; // a retrying sink gives up without throwing
            }
            catch (Exception e)
            {
                // A sink without retries: the alert is lost for this output only.
                _lastError = e.Message;
                failing = true;
            }
            if (failing)
            {
                gaveUp++;
                if (_draining)
                {
                    break; // the run is ending and the output fails: the rest is discarded, not tried alert by alert
                }
            }
            else
            {
                written++;
            }
        }
        var retried = (_retrying?.FailedAttempts ?? 0) - retriedBefore - ((_retrying?.Dropped ?? 0) - gaveUpBefore);
        return new ChunkWritten(written, gaveUp, chunk.Length - tried, retried, failing, _lastError);
    }

    private void OnChunkWritten(ChunkWritten done)
    {
        _writing = false;
        _failing = done.Failing;
        _stats.AddWritten(_sink.Name, done.Written);
        if (done.GaveUp > 0)
        {
            _stats.AddDropped(OutputLoss.Key(OutputLossKind.GaveUp, _sink.Name), done.GaveUp);
            if (_gaveUpLog.TryLog(done.GaveUp, out var total))
            {
                _log.Error("{0} output: {1} alert(s) given up: {2}", _sink.Name, total, done.LastError);
            }
        }
        if (done.Retried > 0 && _retriedLog.TryLog(done.Retried, out var retried))
        {
            _log.Warning("{0} output: {1} attempt(s) failed and were retried: {2}", _sink.Name, retried, done.LastError);
        }
        var discarded = done.Unattempted; // only while draining: the chunk stopped at its first alert given up
        if (_draining && _failing)
        {
            discarded += _queue.Count;
            _queue.Clear();
        }
        if (discarded > 0)
        {
            Discard(discarded);
        }
        WriteNext();
    }

    private void DiscardQueued()
    {
        var count = _queue.Count;
        _queue.Clear();
        if (count > 0)
        {
            Discard(count);
        }
    }

    private void Discard(int count)
    {
        _stats.AddDropped(OutputLoss.Key(OutputLossKind.Discarded, _sink.Name), count);
        // Falco's words when its outputs are still blocked at the end, then which output and how many.
        _log.Error("output channels still blocked, discarding all remaining notifications ({0} output failed: {1} alert(s) discarded)",
            _sink.Name, count);
    }

    private async Task<FlushDone> FlushAsync()
    {
        try
        {
            await _sink.FlushAsync();
            return new FlushDone(null);
        }
        catch (Exception e)
        {
            return new FlushDone(e.Message);
        }
    }

    /// <summary>The end of a run: what the throttles held back is said once.</summary>
    private void ReportHeldBack()
    {
        if (_queueFullLog.TakeSuppressed() is > 0 and var full)
        {
            _log.Error("{0} output: {1} more alert(s) dropped because its queue was full", _sink.Name, full);
        }
        if (_gaveUpLog.TakeSuppressed() is > 0 and var gaveUp)
        {
            _log.Error("{0} output: {1} more alert(s) given up: {2}", _sink.Name, gaveUp, _lastError);
        }
        _retriedLog.TakeSuppressed();
    }

    private void Remember(SinkFailure failure) => _lastError = failure.Error.Message;
}
