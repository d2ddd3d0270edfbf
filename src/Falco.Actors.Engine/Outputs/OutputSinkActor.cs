using Akka.Actor;
using Akka.Event;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// One enabled output with its own bounded queue (<c>outputs_queue.capacity</c> alerts). It takes every
/// <see cref="WriteAlerts"/> at once, so neither the router nor the other outputs ever wait for it: what fits is
/// queued, the rest is dropped and counted (<see cref="OutputLossKind.QueueFull"/>), as Falco drops when its outputs
/// queue is full. While it is healthy and its queue is past half full it tells the router it holds the sources
/// (<see cref="OutputHolding"/>), so an output that is merely the slowest paces them and loses nothing; once an
/// attempt fails it stops holding, so a failing or stuck output drops instead and never stalls them for longer
/// than one attempt (<c>output_timeout</c>). It writes the queue strictly in order, one chunk at a time, in a task of
/// its own while its mailbox keeps taking alerts. A delivery that fails is retried and then given up by <see cref="RetryingAlertSink"/> (each
/// attempt bounded by <c>output_timeout</c>), and counted. <see cref="FlushSink"/> (the end of a run, a hand-over)
/// writes what is queued, then flushes; once the output has given up <see cref="GiveUpsBeforeDiscard"/> alerts in a
/// row during it, the rest is discarded and counted, so a stuck output cannot hold the end of a run either (Falco
/// discards its queue when its outputs are still blocked at the end). Repeated drops are logged at most once per
/// <see cref="LogInterval"/>. When written positions are kept (<c>reportProgress</c>) it also flushes after each
/// chunk and tells its parent, the router, how far it has written (<see cref="AlertsWritten"/>: every alert it was
/// sent up to a number is written, given up or dropped, and flushed), with the file output's length then, so a
/// position is kept only once its alerts are out of every buffer. The host owns and disposes the sink.
/// </summary>
public sealed class OutputSinkActor : ReceiveActor
{
    /// <summary>Alerts written per task: the mailbox is read between chunks.</summary>
    private const int ChunkSize = 256;

    /// <summary>Alerts given up in a row after which a draining output is taken as stuck.</summary>
    public const int GiveUpsBeforeDiscard = 3;

    /// <summary>How often a repeated loss is logged.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _self; // for the writing task
    private readonly IAlertSink _sink;
    private readonly RetryingAlertSink? _retrying; // _sink when it retries (and counts what it gives up), else null
    private readonly EngineStatistics _stats;
    private readonly int _capacity;
    private readonly Queue<FormattedAlert> _queue = new();
    private readonly List<IActorRef> _flushRequesters = [];
    private readonly LogThrottle _queueFullLog = new(LogInterval);
    private readonly LogThrottle _gaveUpLog = new(LogInterval);
    private readonly LogThrottle _retriedLog = new(LogInterval);
    private volatile bool _draining; // read by the writing task: stop once the output is taken as stuck
    private int _writing; // the alerts of the chunk being written: they count against the capacity too
    private bool _flushing;
    private bool _reopenAsked; // a reopen waits for the chunk being written
    private bool _reopening;
    private int _givenUpInARow; // the chunk being written starts from it and reports where it ended
    private bool _failing; // an attempt failed since the last chunk written whole
    private bool _holding; // told the router this output holds the sources
    private string? _lastError; // written by the writing task, read by the actor once the task is done
    private readonly bool _reportProgress;
    private readonly FileSink? _file; // the file output (itself or inside its retries), whose length is reported
    private long _received; // alerts sent to this output so far, dropped ones included
    private long _reported; // the last Through told to the router
    private readonly Queue<(long Start, int Count)> _queuedRuns = new(); // the queued alerts' numbers (drops leave gaps)
    private int _headTaken; // alerts of the first run already taken into a chunk
    private long _writingFrom; // the number of the chunk's first alert while one is written

    public OutputSinkActor(IAlertSink sink, EngineStatistics stats, int capacity, bool reportProgress = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _sink = sink;
        _reportProgress = reportProgress;
        _file = FileSink.Find([sink]);
        _stats = stats;
        _capacity = capacity;
        _self = Self;
        _retrying = sink as RetryingAlertSink;
        if (_retrying is not null)
        {
            _retrying.Failed += Remember;
        }
        Receive<WriteAlerts>(msg => Enqueue(msg.Alerts));
        Receive<AttemptFailed>(_ =>
        {
            _failing = true;
            UpdateHolding();
        });
        Receive<ChunkWritten>(OnChunkWritten);
        Receive<FlushSink>(_ =>
        {
            _flushRequesters.Add(Sender);
            _draining = true;
            if (Stuck)
            {
                DiscardQueued();
            }
            WriteNext();
        });
        Receive<ReopenSink>(_ =>
        {
            _reopenAsked = true;
            WriteNext();
        });
        Receive<SinkReopened>(done =>
        {
            _reopening = false;
            if (done.Error is not null)
            {
                _log.Warning("{0} output: reopen failed: {1}", _sink.Name, done.Error);
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

    public static Props Props(IAlertSink sink, EngineStatistics stats, int capacity, bool reportProgress = false) =>
        Akka.Actor.Props.Create(() => new OutputSinkActor(sink, stats, capacity, reportProgress));

    protected override void PostStop()
    {
        if (_retrying is not null)
        {
            _retrying.Failed -= Remember;
        }
    }

    private void Enqueue(IReadOnlyList<FormattedAlert> alerts)
    {
        var room = Math.Max(0, _capacity - _queue.Count - _writing);
        var accepted = Math.Min(room, alerts.Count);
        if (accepted > 0)
        {
            _queuedRuns.Enqueue((_received, accepted));
        }
        _received += alerts.Count;
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
        UpdateHolding();
    }

    private void WriteNext()
    {
        while (_writing == 0 && !_flushing && !_reopening)
        {
            if (_reopenAsked)
            {
                // Between two chunks: what is still queued goes to the reopened output.
                _reopenAsked = false;
                _reopening = true;
                ReopenAsync().PipeTo(Self);
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
            _writing = chunk.Length;
            _writingFrom = TakeRuns(chunk.Length);
            var writing = WriteAsync(chunk, _givenUpInARow);
            if (!writing.IsCompleted)
            {
                writing.PipeTo(Self);
                return;
            }
            Account(writing.Result); // a sink that completed at once: on with the queue without a trip through the mailbox
        }
    }

    /// <summary>Off the actor's thread: only this task uses the sink while it runs.</summary>
    private async Task<ChunkWritten> WriteAsync(FormattedAlert[] chunk, int givenUpInARow)
    {
        var retriedBefore = _retrying?.FailedAttempts ?? 0;
        var gaveUpBefore = _retrying?.Dropped ?? 0;
        int written = 0, gaveUp = 0, tried = 0;
        while (tried < chunk.Length)
        {
            var alert = chunk[tried++];
            var droppedBefore = _retrying?.Dropped ?? 0;
            bool failed;
            try
            {
                await _sink.WriteAsync(alert);
                failed = (_retrying?.Dropped ?? 0) > droppedBefore; // a retrying sink gives up without throwing
            }
            catch (Exception e)
            {
                // A sink without retries: the alert is lost for this output only.
                _lastError = e.Message;
                failed = true;
            }
            if (!failed)
            {
                written++;
                givenUpInARow = 0;
                continue;
            }
            gaveUp++;
            if (++givenUpInARow >= GiveUpsBeforeDiscard && _draining)
            {
                break; // the run is ending and the output is stuck: the rest is discarded, not tried alert by alert
            }
        }
        if (_reportProgress && written > 0)
        {
            // What is reported written must not wait in a buffer that a crash would lose.
            try
            {
                await _sink.FlushAsync();
            }
            catch (Exception e)
            {
                _lastError = e.Message;
            }
        }
        var retried = (_retrying?.FailedAttempts ?? 0) - retriedBefore - ((_retrying?.Dropped ?? 0) - gaveUpBefore);
        return new ChunkWritten(written, gaveUp, chunk.Length - tried, retried, givenUpInARow, _lastError);
    }

    private void OnChunkWritten(ChunkWritten done)
    {
        Account(done);
        WriteNext();
        UpdateHolding();
    }

    private void Account(ChunkWritten done)
    {
        _writing = 0;
        _givenUpInARow = done.GivenUpInARow;
        _failing = done.GaveUp > 0 || done.Retried > 0;
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
        if (_draining && Stuck)
        {
            discarded += _queue.Count;
            _queue.Clear();
            _queuedRuns.Clear();
            _headTaken = 0;
        }
        if (discarded > 0)
        {
            Discard(discarded);
        }
        ReportProgress();
    }

    /// <summary>The number of the first of <paramref name="count"/> alerts taken from the queue.</summary>
    private long TakeRuns(int count)
    {
        var first = _queuedRuns.Peek().Start + _headTaken;
        while (count > 0)
        {
            var (_, length) = _queuedRuns.Peek();
            var left = length - _headTaken;
            if (left > count)
            {
                _headTaken += count;
                break;
            }
            _queuedRuns.Dequeue();
            _headTaken = 0;
            count -= left;
        }
        return first;
    }

    /// <summary>
    /// Every alert before the first one not yet written (the chunk being written, else the first queued) is written,
    /// given up or dropped, and flushed (the chunk's task flushed it): tell the router, with the file's length, which
    /// then holds exactly the alerts written of those.
    /// </summary>
    private void ReportProgress()
    {
        var through = _writing > 0 ? _writingFrom : _queuedRuns.TryPeek(out var run) ? run.Start + _headTaken : _received;
        if (!_reportProgress || through == _reported)
        {
            return;
        }
        _reported = through;
        Context.Parent.Tell(new AlertsWritten(_sink.Name, through, _file?.Length ?? -1));
    }

    private bool Stuck => _givenUpInARow >= GiveUpsBeforeDiscard;

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

    private async Task<SinkReopened> ReopenAsync()
    {
        try
        {
            await _sink.ReopenAsync();
            return new SinkReopened(null);
        }
        catch (Exception e)
        {
            return new SinkReopened(e.Message);
        }
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

    private void Remember(SinkFailure failure)
    {
        _lastError = failure.Error.Message;
        _self.Tell(AttemptFailed.Instance); // on the writing task: the actor learns it before the chunk ends
    }

    /// <summary>Holds the sources while healthy and past half full; lets go under a quarter, or at once when failing.</summary>
    private void UpdateHolding()
    {
        var queued = _queue.Count + _writing;
        var holding = !_failing && (_holding ? queued > _capacity / 4 : queued > _capacity / 2);
        if (holding != _holding)
        {
            _holding = holding;
            Context.Parent.Tell(new OutputHolding(_sink.Name, holding));
        }
    }
}
