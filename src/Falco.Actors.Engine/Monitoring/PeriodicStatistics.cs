using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// Writes a <see cref="StatisticsLine"/> to the log (standard error, where the engine's log goes, never standard
/// output, which carries the alerts) every interval until stopped. Reading the statistics takes a snapshot; nothing
/// on the per-event path changes.
/// </summary>
public sealed class PeriodicStatistics : IAsyncDisposable
{
    private readonly EngineStatistics _statistics;
    private readonly TextWriter _log;
    private readonly TimeProvider _time;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;

    private PeriodicStatistics(EngineStatistics statistics, TimeSpan interval, TextWriter log, TimeProvider time)
    {
        _statistics = statistics;
        _log = log;
        _time = time;
        _timer = new PeriodicTimer(interval, time);
        _loop = RunAsync();
    }

    /// <param name="interval">Time between two lines (more than zero).</param>
    /// <param name="log">Where the lines go (the host passes standard error).</param>
    public static PeriodicStatistics Start(EngineStatistics statistics, TimeSpan interval, TextWriter log, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new PeriodicStatistics(statistics, interval, log, time ?? TimeProvider.System);
    }

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
            var line = StatisticsLine.Format(previous, current, _time.GetElapsedTime(previousAt, now));
            try
            {
                _log.WriteLine($"{_time.GetLocalNow():ddd MMM dd HH:mm:ss yyyy}: {line}");
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A closed stderr must not stop the engine; the next line tries again.
            }
            previous = current;
            previousAt = now;
        }
    }
}
