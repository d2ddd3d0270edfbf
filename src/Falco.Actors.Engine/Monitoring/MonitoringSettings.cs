using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>What <see cref="EngineMonitoring"/> starts: the webserver, the statistics line and the metrics snapshot.</summary>
/// <param name="StatsIntervalS"><c>engine_actors.stats_interval_s</c>: seconds between statistics lines; 0: none.</param>
public sealed record MonitoringSettings(WebserverConfig Webserver, int StatsIntervalS)
{
    public MetricsConfig Metrics { get; init; } = MetricsConfig.Default;

    /// <summary><c>json_output</c>: the metrics snapshot alert is JSON, as every alert.</summary>
    public bool JsonOutput { get; init; }

    /// <summary>As Falco: /metrics is served only with both <c>metrics.enabled</c> and <c>webserver.prometheus_metrics_enabled</c>.</summary>
    public bool ServesMetrics => Metrics.Enabled && Webserver.PrometheusMetricsEnabled;

    public static MonitoringSettings For(FalcoConfiguration configuration, EngineActorsConfig actors) =>
        new(configuration.Webserver, actors.StatsIntervalS) { Metrics = configuration.Metrics, JsonOutput = configuration.JsonOutput };
}
