namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// One kind of repeated log line (an output dropping or giving up alerts), at most one per interval: the first at
/// once, the alerts of the lines held back after it added up and reported with the next line or by
/// <see cref="TakeSuppressed"/>, so a burst of thousands of drops is a few lines, not one per alert. Not thread-safe:
/// one owner.
/// </summary>
public sealed class LogThrottle(TimeSpan interval, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _suppressed;
    private long? _lastLogged;

    /// <summary>
    /// <paramref name="count"/> more alerts: true when a line may be logged now, for <paramref name="total"/> alerts
    /// (these and those of the lines held back since the last one).
    /// </summary>
    public bool TryLog(long count, out long total)
    {
        var now = _time.GetTimestamp();
        if (_lastLogged is { } last && _time.GetElapsedTime(last, now) < interval)
        {
            _suppressed += count;
            total = 0;
            return false;
        }
        _lastLogged = now;
        total = _suppressed + count;
        _suppressed = 0;
        return true;
    }

    /// <summary>The alerts of the lines held back and not reported yet (at the end of a run, to say them once).</summary>
    public long TakeSuppressed()
    {
        var suppressed = _suppressed;
        _suppressed = 0;
        return suppressed;
    }
}
