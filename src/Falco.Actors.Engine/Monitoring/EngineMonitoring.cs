using Falco.Actors.Engine.Logging;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// What a run shows of itself: the <c>webserver</c> (/healthz, /versions, and /metrics when served) when enabled, the
/// periodic statistics line when <c>engine_actors.stats_interval_s</c> is above 0, and Falco's metrics snapshot
/// every <c>metrics.interval</c> when <c>metrics.enabled</c> (both on <see cref="PeriodicStatistics"/>). The engine host
/// starts it with the run and disposes it when the run ends.
/// </summary>
public sealed class EngineMonitoring : IAsyncDisposable
{
    private readonly MetricsSnapshotReport? _metricsReport;

    private EngineMonitoring(FalcoWebServer? webServer, PeriodicStatistics? periodic, PeriodicStatistics? metrics, MetricsSnapshotReport? metricsReport)
    {
        WebServer = webServer;
        Periodic = periodic;
        Metrics = metrics;
        _metricsReport = metricsReport;
    }

    /// <summary>The webserver; null when <c>webserver.enabled</c> is false.</summary>
    public FalcoWebServer? WebServer { get; }

    /// <summary>The periodic statistics line; null when <c>stats_interval_s</c> is 0.</summary>
    public PeriodicStatistics? Periodic { get; }

    /// <summary>The periodic metrics snapshot; null when <c>metrics.enabled</c> is false.</summary>
    public PeriodicStatistics? Metrics { get; }

    /// <summary>
    /// Starts what the settings enable; throws <see cref="WebServerException"/> if the webserver cannot listen, an
    /// <see cref="IOException"/> if <c>metrics.output_file</c> cannot be opened.
    /// </summary>
    /// <param name="log">The engine's log: the statistics lines go there.</param>
    /// <param name="internalAlerts">Where the metrics snapshot alerts go (<c>metrics.output_rule</c>): the output router.</param>
    public static async Task<EngineMonitoring> StartAsync(MonitoringSettings settings, EngineStatistics statistics, EngineMetricsInfo info,
        EngineLog log, Action<FormattedAlert>? internalAlerts = null, CancellationToken cancellationToken = default)
    {
        var metricsReport = settings.Metrics.Enabled
            ? new MetricsSnapshotReport(settings.Metrics, info, internalAlerts, settings.JsonOutput, log)
            : null;
        FalcoWebServer? server = null;
        try
        {
            if (settings.Webserver.Enabled)
            {
                Func<string>? metrics = settings.ServesMetrics ? () => EngineMetrics.Render(statistics.Snapshot(), ProcessSample.Current(), info) : null;
                server = await FalcoWebServer.StartAsync(settings.Webserver, metrics, info.Warnings, cancellationToken,
                    versions: VersionsInfo.Json(info.Plugins));
            }
        }
        catch
        {
            metricsReport?.Dispose();
            throw;
        }
        var periodic = settings.StatsIntervalS > 0
            ? PeriodicStatistics.StartLine(statistics, TimeSpan.FromSeconds(settings.StatsIntervalS), log)
            : null;
        var snapshots = metricsReport is not null ? PeriodicStatistics.Start(statistics, settings.Metrics.Interval, metricsReport.Report) : null;
        return new EngineMonitoring(server, periodic, snapshots, metricsReport);
    }

    public async ValueTask DisposeAsync()
    {
        if (Periodic is not null)
        {
            await Periodic.DisposeAsync();
        }
        if (Metrics is not null)
        {
            await Metrics.DisposeAsync();
        }
        _metricsReport?.Dispose();
        if (WebServer is not null)
        {
            await WebServer.DisposeAsync();
        }
    }
}
