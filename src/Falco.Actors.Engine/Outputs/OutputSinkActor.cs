using Akka.Actor;
using Akka.Event;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// One enabled output. It writes alerts strictly in the order received, one write at a time (the mailbox waits
/// while a write is in progress). A delivery that fails is retried and then given up by
/// <see cref="RetryingAlertSink"/> (bounded by <c>output_timeout</c>); given-up alerts are counted as dropped and
/// logged, and the actor goes on, so a failing output delays only itself. The host owns and disposes the sink.
/// </summary>
public sealed class OutputSinkActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IAlertSink _sink;
    private readonly RetryingAlertSink? _retrying; // _sink when it retries (and counts what it gives up), else null
    private readonly EngineStatistics _stats;
    private readonly string _droppedKey;
    private readonly bool _flushEachWrite;

    /// <param name="flushEachWrite">
    /// Flush after each <see cref="WriteAlerts"/> (when written positions are kept: an alert counted as written must
    /// not wait in a buffer that a crash would lose).
    /// </param>
    public OutputSinkActor(IAlertSink sink, EngineStatistics stats, bool flushEachWrite = false)
    {
        _sink = sink;
        _flushEachWrite = flushEachWrite;
        _stats = stats;
        _droppedKey = $"output:{sink.Name}";
        _retrying = sink as RetryingAlertSink;
        if (_retrying is not null)
        {
            _retrying.Failed += Report;
        }
        ReceiveAsync<WriteAlerts>(WriteAsync);
        ReceiveAsync<FlushSink>(async _ =>
        {
            await FlushAsync();
            Sender.Tell(new SinkFlushed());
        });
    }

    public static Props Props(IAlertSink sink, EngineStatistics stats, bool flushEachWrite = false) =>
        Akka.Actor.Props.Create(() => new OutputSinkActor(sink, stats, flushEachWrite));

    protected override void PostStop()
    {
        if (_retrying is not null)
        {
            _retrying.Failed -= Report;
        }
    }

    private async Task WriteAsync(WriteAlerts msg)
    {
        // Only this actor writes to the sink, so its Dropped count moves only during this loop; a retrying sink
        // never throws (but on cancellation, which it does not count as dropped), so the two counts do not overlap.
        var droppedBefore = _retrying?.Dropped ?? 0;
        var dropped = 0;
        foreach (var alert in msg.Alerts)
        {
            try
            {
                await _sink.WriteAsync(alert);
            }
            catch (Exception e)
            {
                // A sink without retries: the alert is lost for this output only; say so.
                _log.Error("{0} output: alert of rule '{1}' dropped: {2}", _sink.Name, alert.Rule, e.Message);
                dropped++;
            }
        }
        if (_flushEachWrite)
        {
            await FlushAsync();
        }
        dropped += (int)((_retrying?.Dropped ?? 0) - droppedBefore);
        if (dropped > 0)
        {
            _stats.AddDropped(_droppedKey, dropped);
        }
        _stats.AddWritten(_sink.Name, msg.Alerts.Count - dropped);
        // The file output says how long the file is now: the state folder cuts it back there after a crash.
        Sender.Tell(new AlertsWritten(_sink.Name, msg.Alerts.Count, FileSink.Find([_sink])?.Length ?? -1));
    }

    private async Task FlushAsync()
    {
        try
        {
            await _sink.FlushAsync();
        }
        catch (Exception e)
        {
            _log.Warning("{0} output: flush failed: {1}", _sink.Name, e.Message);
        }
    }

    private void Report(SinkFailure failure)
    {
        if (failure.GaveUp)
        {
            _log.Error("{0} output: {1} given up after {2} attempt(s): {3}", failure.SinkName,
                failure.Alert is null ? "flush" : $"alert of rule '{failure.Alert.Rule}'", failure.Attempt, failure.Error.Message);
        }
        else
        {
            _log.Warning("{0} output: attempt {1} failed, retrying: {2}", failure.SinkName, failure.Attempt, failure.Error.Message);
        }
    }
}
