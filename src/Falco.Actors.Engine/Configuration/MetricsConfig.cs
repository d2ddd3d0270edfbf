namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// <c>metrics</c>: Falco's periodic metrics snapshot. Every <see cref="Interval"/>, when <see cref="Enabled"/>, the
/// engine takes one snapshot per source and sends it as the alert <c>Falco internal: metrics snapshot</c> through the
/// outputs (<see cref="OutputRule"/>) and/or appends it as one JSON line to <see cref="OutputFile"/>
/// (<see cref="Monitoring.MetricsSnapshot"/>). With <c>webserver.prometheus_metrics_enabled</c> it also gates
/// /metrics. The kernel, libbpf, thread-state and jemalloc categories are read and have nothing to report here (no
/// kernel driver, no libsinsp thread table, no jemalloc).
/// </summary>
/// <param name="IntervalText">As written (<c>1h</c>, <c>15s</c>, <c>1m30s</c>, or milliseconds), for messages.</param>
/// <param name="Interval">Parsed as Falco parses a Prometheus duration; zero when the text is not one.</param>
public sealed record MetricsConfig(bool Enabled, string IntervalText, TimeSpan Interval)
{
    /// <summary>Falco's lower bound on the interval (checked when metrics are enabled).</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    public static readonly MetricsConfig Default = new(false, "1h", TimeSpan.FromHours(1));

    public bool OutputRule { get; init; } = true;

    /// <summary><c>output_file</c>; null when not set (the snapshot goes to no file).</summary>
    public ConfigPath? OutputFile { get; init; }

    public bool RulesCountersEnabled { get; init; } = true;
    public bool ResourceUtilizationEnabled { get; init; } = true;
    public bool StateCountersEnabled { get; init; } = true;
    public bool KernelEventCountersEnabled { get; init; } = true;
    public bool KernelEventCountersPerCpuEnabled { get; init; } = false;
    public bool LibbpfStatsEnabled { get; init; } = true;
    public bool PluginsMetricsEnabled { get; init; } = true;
    public bool JemallocStatsEnabled { get; init; } = false;
    public bool ConvertMemoryToMb { get; init; } = true;
    public bool IncludeEmptyValues { get; init; } = false;
}
