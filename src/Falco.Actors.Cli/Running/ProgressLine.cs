using System.Diagnostics;
using System.Globalization;
using Falco.Actors.Cli.Capture;
using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Cli.Running;

/// <summary>
/// The progress line on a terminal's stderr during a finite run: events read, events per second, the sources'
/// progress (the plugin's get_progress, or the share of a replayed capture) and alerts, redrawn in place twice a
/// second and cleared at the end. Nothing is drawn while no source reports progress (an endless stream).
/// </summary>
public sealed class ProgressLine : IAsyncDisposable
{
    private readonly TextWriter _stderr;
    private readonly EngineStatistics _statistics;
    private readonly IReadOnlyList<SourceProgress> _sources;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;
    private int _width;

    public ProgressLine(TextWriter stderr, EngineStatistics statistics, IReadOnlyList<SourceProgress> sources)
    {
        _stderr = stderr;
        _statistics = statistics;
        _sources = sources;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The line for the given figures (what the terminal shows).</summary>
    public static string Format(long events, double seconds, double percent, long alerts)
    {
        var rate = seconds > 0 ? events / seconds : 0;
        var progress = double.IsNaN(percent) ? "" : string.Create(CultureInfo.InvariantCulture, $", {percent:0.0}%");
        return string.Create(CultureInfo.InvariantCulture, $"{events:N0} events, {rate:N0} events/s{progress}, {alerts:N0} alerts");
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Draw();
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }

    private void Draw()
    {
        var snapshot = _statistics.Snapshot();
        var known = _sources.Select(s => s.Percent).Where(p => !double.IsNaN(p)).ToList();
        if (known.Count == 0)
        {
            return; // no source reports progress: not a finite input, nothing to draw
        }
        var percent = known.Average();
        var line = Format(snapshot.TotalEventsIn, _clock.Elapsed.TotalSeconds, percent, snapshot.TotalAlerts);
        _stderr.Write("\r" + line.PadRight(_width));
        _stderr.Flush();
        _width = line.Length;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        if (_width > 0)
        {
            _stderr.Write("\r" + new string(' ', _width) + "\r");
            _stderr.Flush();
        }
        _stop.Dispose();
    }
}
