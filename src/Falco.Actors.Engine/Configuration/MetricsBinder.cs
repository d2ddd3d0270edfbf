namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Binds <c>metrics</c> over <see cref="MetricsConfig"/>'s defaults (those of Falco's falco.yaml). As Falco: the
/// interval is parsed whatever <c>enabled</c> says, and an interval under 100 ms (or not a duration) is an error only
/// when metrics are enabled; <c>output_file</c> is resolved against falco.yaml's folder, as <c>file_output</c> is.
/// </summary>
internal static class MetricsBinder
{
    public static MetricsConfig Bind(ConfigMap root, string key, MetricsConfig d, string baseDirectory)
    {
        var map = root.Section(key);
        var enabled = map.Bool("enabled", d.Enabled);
        var intervalText = map.String("interval", d.IntervalText);
        var interval = PrometheusDuration.Parse(intervalText);
        if (enabled && interval < MetricsConfig.MinimumInterval)
        {
            throw map.Error("interval",
                $"'{intervalText}': Metrics interval must have a minimum value of 100ms and reflect a Prometheus compliant time duration format: https://prometheus.io/docs/prometheus/latest/querying/basics/#time-durations");
        }
        var outputFile = map.String("output_file", d.OutputFile?.Raw ?? "");
        return new MetricsConfig(enabled, intervalText, interval)
        {
            OutputRule = map.Bool("output_rule", d.OutputRule),
            OutputFile = outputFile.Length == 0 ? null : ConfigPath.Resolve(outputFile, baseDirectory),
            RulesCountersEnabled = map.Bool("rules_counters_enabled", d.RulesCountersEnabled),
            ResourceUtilizationEnabled = map.Bool("resource_utilization_enabled", d.ResourceUtilizationEnabled),
            StateCountersEnabled = map.Bool("state_counters_enabled", d.StateCountersEnabled),
            KernelEventCountersEnabled = map.Bool("kernel_event_counters_enabled", d.KernelEventCountersEnabled),
            KernelEventCountersPerCpuEnabled = map.Bool("kernel_event_counters_per_cpu_enabled", d.KernelEventCountersPerCpuEnabled),
            LibbpfStatsEnabled = map.Bool("libbpf_stats_enabled", d.LibbpfStatsEnabled),
            PluginsMetricsEnabled = map.Bool("plugins_metrics_enabled", d.PluginsMetricsEnabled),
            JemallocStatsEnabled = map.Bool("jemalloc_stats_enabled", d.JemallocStatsEnabled),
            ConvertMemoryToMb = map.Bool("convert_memory_to_mb", d.ConvertMemoryToMb),
            IncludeEmptyValues = map.Bool("include_empty_values", d.IncludeEmptyValues),
        };
    }
}
