using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// What a run shows of itself: the <c>webserver</c> (/healthz, /metrics) when enabled and the periodic statistics
/// line when <c>engine_actors.stats_interval_s</c> is above 0. The engine host starts it with the run and disposes
/// it when the run ends.
/// </summary>
public sealed class EngineMonitoring : IAsyncDisposable
{
    private EngineMonitoring(FalcoWebServer? webServer, PeriodicStatistics? periodic)
    {
        WebServer = webServer;
        Periodic = periodic;
    }

    /// <summary>The webserver; null when <c>webserver.enabled</c> is false.</summary>
    public FalcoWebServer? WebServer { get; }

    /// <summary>The periodic statistics; null when <c>stats_interval_s</c> is 0.</summary>
    public PeriodicStatistics? Periodic { get; }

    /// <summary>Starts what the configuration enables; throws <see cref="WebServerException"/> if the webserver cannot listen.</summary>
    /// <param name="log">Where the statistics lines go (the host passes standard error).</param>
    public static async Task<EngineMonitoring> StartAsync(WebserverConfig webserver, int statsIntervalS, EngineStatistics statistics,
        EngineMetricsInfo info, TextWriter log, CancellationToken cancellationToken = default)
    {
        FalcoWebServer? server = null;
        if (webserver.Enabled)
        {
            server = await FalcoWebServer.StartAsync(
                webserver, () => EngineMetrics.Render(statistics.Snapshot(), ProcessSample.Current(), info), info.Warnings, cancellationToken);
        }
        var periodic = statsIntervalS > 0
            ? PeriodicStatistics.Start(statistics, TimeSpan.FromSeconds(statsIntervalS), log)
            : null;
        return new EngineMonitoring(server, periodic);
    }

    public async ValueTask DisposeAsync()
    {
        if (Periodic is not null)
        {
            await Periodic.DisposeAsync();
        }
        if (WebServer is not null)
        {
            await WebServer.DisposeAsync();
        }
    }
}
