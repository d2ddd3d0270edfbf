namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// What a periodic report does with the statistics of one tick: <paramref name="previous"/> is the snapshot of the
/// tick before (null at the first), <paramref name="elapsed"/> the time since it (since the start at the first).
/// </summary>
public delegate void PeriodicReport(EngineStatisticsSnapshot? previous, EngineStatisticsSnapshot current, TimeSpan elapsed);

/// <summary>
/// The one timer behind the engine's periodic reports: every interval until stopped it takes a snapshot of the
/// statistics and hands it to its report (the statistics line, <see cref="StatisticsLine"/>; the metrics snapshot,
/// <see cref="MetricsSnapshotReport"/>). Reading the statistics takes a snapshot; nothing on the per-event path
/// changes. A report that throws loses that tick, never the timer.
/// </summary>
public sealed class PeriodicStatistics : IAsyncDisposable
{
    private readonly EngineStatistics _statistics;
    private readonly PeriodicReport _report;
    private readonly TimeProvider _time;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;

    private PeriodicStatistics(EngineStatistics statistics, TimeSpan interval, PeriodicReport report, TimeProvider time)
    {
        _statistics = statistics;
        _report = report;
        _time = time;
        _timer = new PeriodicTimer(interval, time);
        _loop = RunAsync();
    }

    /// <param name="interval">Time between two reports (more than zero).</param>
    public static PeriodicStatistics Start(EngineStatistics statistics, TimeSpan interval, PeriodicReport report, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new PeriodicStatistics(statistics, interval, report, time ?? TimeProvider.System);
    }

    /// <summary>Every interval, the statistics line (<see cref="StatisticsLine"/>) to the engine's log, at info level.</summary>
    public static PeriodicStatistics StartLine(EngineStatistics statistics, TimeSpan interval, Logging.EngineLog log, TimeProvider? time = null) =>
        Start(statistics, interval, (previous, current, elapsed) =>
            log.Write(Rules.Priority.Informational, StatisticsLine.Format(previous, current, elapsed)), time);

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop;
    }

    private async Task RunAsync()
    {
        EngineStatisticsSnapshot? previous = null;
        var previousAt = _time.GetTimestamp();
        while (await _timer.WaitForNextTickAsync())
        {
            var now = _time.GetTimestamp();
            var current = _statistics.Snapshot();
            try
            {
                _report(previous, current, _time.GetElapsedTime(previousAt, now));
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
            {
                // A closed stderr or a full disk must not stop the engine; the next tick tries again.
            }
            previous = current;
            previousAt = now;
        }
    }
}
