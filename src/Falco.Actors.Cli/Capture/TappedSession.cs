using System.Diagnostics;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Cli.Capture;

/// <summary>
/// Wraps a session: records what each <c>next_batch</c> appended (<c>-w</c>) and, a few times a second, publishes
/// the session's progress for the progress line. Adds no allocation per event. Events numbered up to the source's
/// <see cref="RecordMark"/> were recorded by an earlier session of the source (the engine skips them too after a
/// restart), so a capture holds each accepted event once.
/// </summary>
public sealed class TappedSession(IPluginSession inner, CaptureRecorder? recorder, RecordMark? mark, SourceProgress? progress)
    : IPluginSession
{
    private static readonly long ProgressEvery = Stopwatch.Frequency / 4;
    private long _progressReadAt;

    public PluginProgress? Progress => inner.Progress;

    public BatchStatus NextBatch(EventBatch batch)
    {
        var before = batch.Count;
        var status = inner.NextBatch(batch);
        if (recorder is not null && mark is not null)
        {
            mark.Last = recorder.Write(batch, before, mark.Last);
        }
        if (progress is not null)
        {
            var now = Stopwatch.GetTimestamp();
            if (status == BatchStatus.Eof || now - _progressReadAt >= ProgressEvery)
            {
                _progressReadAt = now;
                progress.Percent = inner.Progress?.Percent ?? double.NaN;
            }
        }
        return status;
    }

    public void Dispose() => inner.Dispose();
}
