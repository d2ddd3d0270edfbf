using System.Globalization;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// The /metrics page: the engine's statistics and this process's resource use in the Prometheus text format.
/// Falco's own names (<c>falcosecurity_falco_*</c>, as falco_metrics.cpp and the libs' Prometheus converter spell
/// them) where Falco has the metric; <c>falco_actors_*</c> for what only this engine has; the standard
/// <c>process_*</c> names for the process.
/// </summary>
public static class EngineMetrics
{
    /// <summary>The kernel release (uname -r), read once; null where /proc does not tell it.</summary>
    internal static readonly string? KernelRelease = ReadKernelRelease();

    public static string Render(EngineStatisticsSnapshot stats, ProcessSample process, EngineMetricsInfo info)
    {
        var text = new PrometheusText();
        WriteFalcoMetrics(text, stats, process, info);
        PluginMetricsText.Write(text, stats.PluginMetrics);
        WriteEngineMetrics(text, stats, info);
        WriteProcessMetrics(text, process);
        return text.ToString();
    }

    private static void WriteFalcoMetrics(PrometheusText text, EngineStatisticsSnapshot stats, ProcessSample process, EngineMetricsInfo info)
    {
        text.Family("falcosecurity_falco_version_info", MetricType.Gauge, "Version of this Falco-compatible engine")
            .Sample(1, ("version", info.Version));
        if (info.Hostname.Length > 0)
        {
            text.Family("falcosecurity_evt_hostname_info", MetricType.Gauge, "Host name the alerts carry")
                .Sample(1, ("hostname", info.Hostname));
        }
        var sources = info.Sources.Union(stats.EventsIn.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (sources.Count > 0)
        {
            text.Family("falcosecurity_falco_evt_source_info", MetricType.Gauge, "Event sources enabled");
            foreach (var source in sources)
            {
                text.Sample(1, ("evt_source", source));
            }
        }
        if (sources.Count > 0)
        {
            text.Family("falcosecurity_scap_engine_name_info", MetricType.Gauge, "Event capture engine of each source");
            foreach (var source in sources)
            {
                text.Sample(1, ("engine_name", "source_plugin"), ("evt_source", source));
            }
        }
        if (KernelRelease is { Length: > 0 } release)
        {
            text.Family("falcosecurity_falco_kernel_release_info", MetricType.Gauge, "Kernel release of the host")
                .Sample(1, ("kernel_release", release));
        }
        text.Family("falcosecurity_falco_host_boot_timestamp_nanoseconds", MetricType.Gauge, "Time the host booted, in nanoseconds since the epoch")
            .Sample((process.Now.ToUnixTimeMilliseconds() - Environment.TickCount64) * 1_000_000L);
        text.Family("falcosecurity_falco_start_timestamp_nanoseconds", MetricType.Gauge, "Time the process started, in nanoseconds since the epoch")
            .Sample(process.StartTime.ToUnixTimeMilliseconds() * 1_000_000L);
        text.Family("falcosecurity_falco_host_num_cpus_total", MetricType.Gauge, "Number of CPUs of the host")
            .Sample((long)Environment.ProcessorCount);
        text.Family("falcosecurity_falco_duration_seconds_total", MetricType.Counter, "Seconds since the process started")
            .Sample((long)Math.Max(0, (process.Now - process.StartTime).TotalSeconds));
        // As Falco: alerts dropped because an outputs queue was full (here each output has its own queue).
        text.Family("falcosecurity_falco_outputs_queue_num_drops_total", MetricType.Counter, "Alerts dropped because an output's queue was full")
            .Sample(OutputLoss.Of(stats, OutputLossKind.QueueFull).Values.Sum());
        text.Family("falcosecurity_falco_cpu_usage_ratio", MetricType.Gauge, "Average CPU use since the start, as a ratio of one CPU")
            .Sample(process.CpuUsageRatio);
        text.Family("falcosecurity_falco_memory_rss_bytes", MetricType.Gauge, "Resident set size")
            .Sample(process.ResidentBytes);
        text.Family("falcosecurity_falco_memory_vsz_bytes", MetricType.Gauge, "Virtual memory size")
            .Sample(process.VirtualBytes);
        if (stats.Alerts.Count > 0)
        {
            // As Falco: one sample per rule that matched, labelled priority (0 emergency .. 7 debug), rule_name,
            // source and tag_<tag>="true" per tag.
            text.Family("falcosecurity_falco_rules_matches_total", MetricType.Counter, "Alerts raised, by rule");
            var rules = info.Rules.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var (key, count) in stats.Alerts.OrderBy(a => a.Key.Rule, StringComparer.Ordinal).ThenBy(a => a.Key.Priority))
            {
                text.Sample(count, [.. RuleLabels(key, rules.GetValueOrDefault(key.Rule))]);
            }
        }
    }

    private static IEnumerable<(string, string)> RuleLabels(RuleAlertKey key, RuleMetricInfo? rule)
    {
        yield return ("priority", ((int)key.Priority).ToString(CultureInfo.InvariantCulture));
        yield return ("rule_name", key.Rule);
        if (rule is null)
        {
            yield break;
        }
        yield return ("source", rule.Source);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in rule.Tags.Select(LabelName).Order(StringComparer.Ordinal))
        {
            if (seen.Add(tag))
            {
                yield return ("tag_" + tag, "true");
            }
        }
    }

    /// <summary>A tag as a label name: characters other than letters, digits and '_' become '_'.</summary>
    private static string LabelName(string tag) =>
        string.Create(tag.Length, tag, static (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(t[i]) ? t[i] : '_';
            }
        });

    private static void WriteEngineMetrics(PrometheusText text, EngineStatisticsSnapshot stats, EngineMetricsInfo info)
    {
        // Per-source families list every source of the run, at 0 before its first event, so rates start from zero.
        var sources = info.Sources;
        PerKey(text, "falco_actors_events_in_total", MetricType.Counter, "Events the sources accepted into the pipeline", "source", WithZeros(stats.EventsIn, sources));
        PerKey(text, "falco_actors_events_evaluated_total", MetricType.Counter, "Events the rule evaluators evaluated", "source", WithZeros(stats.EventsEvaluated, sources));
        text.Family("falco_actors_batches_total", MetricType.Counter, "Batches the sources sent").Sample(stats.Batches);
        PerKey(text, "falco_actors_batches_in_flight", MetricType.Gauge, "Batches sent and not yet evaluated", "source", WithZeros(stats.BatchesInFlight, sources));
        PerKey(text, "falco_actors_batches_in_flight_max", MetricType.Gauge, "Most batches in flight at one time", "source", WithZeros(stats.MaxBatchesInFlight, sources));
        PerKey(text, "falco_actors_session_restarts_total", MetricType.Counter, "Plugin sessions restarted after a failure", "source", WithZeros(stats.Restarts, sources));
        PerKey(text, "falco_actors_events_replayed_total", MetricType.Counter, "Events a new session read again and skipped (already accepted)", "source", WithZeros(stats.Replayed, sources));
        if (stats.StuckPluginCalls.Count > 0)
        {
            text.Family("falco_actors_plugin_calls_stuck_total", MetricType.Counter, "Plugin calls that ran longer than engine_actors.plugin_call_timeout_s");
            foreach (var (key, count) in stats.StuckPluginCalls.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var slash = key.LastIndexOf('/');
                text.Sample(count, ("plugin", key[..slash]), ("call", key[(slash + 1)..]));
            }
        }
        text.Family("falco_actors_plugin_calls_stuck", MetricType.Gauge, "Plugin calls running longer than engine_actors.plugin_call_timeout_s now")
            .Sample(stats.PluginCallsStuckNow);
        text.Family("falco_actors_rules_reloads_total", MetricType.Counter, "Hot reloads of the rules on this node, by result")
            .Sample(stats.RulesReloads, ("result", "ok"))
            .Sample(stats.RulesReloadFailures, ("result", "failed"));
        text.Family("falco_actors_evaluation_errors_total", MetricType.Counter, "Rule evaluations that failed").Sample(stats.EvaluationErrors);
        PerKey(text, "falco_actors_dropped_total", MetricType.Counter, "Alerts dropped, by reason", "reason", stats.Dropped);
        PerKey(text, "falco_actors_outputs_delivered_total", MetricType.Counter, "Alerts an output delivered", "output", stats.Written);
        IReadOnlyList<string> outputs = [.. stats.Written.Keys];
        PerKey(text, "falco_actors_outputs_failed_total", MetricType.Counter, "Alerts an output gave up on", "output",
            WithZeros(OutputLoss.Of(stats, OutputLossKind.GaveUp), outputs));
        PerKey(text, "falco_actors_outputs_queue_drops_total", MetricType.Counter, "Alerts an output dropped because its queue was full", "output",
            WithZeros(OutputLoss.Of(stats, OutputLossKind.QueueFull), outputs));
        PerKey(text, "falco_actors_outputs_discarded_total", MetricType.Counter, "Alerts still queued for a failing output when the run ended", "output",
            WithZeros(OutputLoss.Of(stats, OutputLossKind.Discarded), outputs));
    }

    private static Dictionary<string, long> WithZeros(IReadOnlyDictionary<string, long> values, IReadOnlyList<string> keys)
    {
        var all = new Dictionary<string, long>(values, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            all.TryAdd(key, 0);
        }
        return all;
    }

    private static void WriteProcessMetrics(PrometheusText text, ProcessSample process)
    {
        text.Family("process_cpu_seconds_total", MetricType.Counter, "Total user and system CPU time spent in seconds.")
            .Sample(process.CpuSeconds);
        text.Family("process_resident_memory_bytes", MetricType.Gauge, "Resident memory size in bytes.")
            .Sample(process.ResidentBytes);
        text.Family("process_virtual_memory_bytes", MetricType.Gauge, "Virtual memory size in bytes.")
            .Sample(process.VirtualBytes);
        text.Family("process_start_time_seconds", MetricType.Gauge, "Start time of the process since unix epoch in seconds.")
            .Sample(process.StartTime.ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>A family with one sample per key (sorted, so scrapes compare line by line); none when there is no key.</summary>
    private static void PerKey(PrometheusText text, string name, MetricType type, string help, string label, IReadOnlyDictionary<string, long> values)
    {
        if (values.Count == 0)
        {
            return;
        }
        text.Family(name, type, help);
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            text.Sample(value, (label, key));
        }
    }

    private static string? ReadKernelRelease()
    {
        try
        {
            return File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
