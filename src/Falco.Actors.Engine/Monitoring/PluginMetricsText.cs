using System.Text.RegularExpressions;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// The plugins' metrics on /metrics, named as Falco names them: libsinsp calls a metric <c>&lt;plugin&gt;.&lt;metric&gt;</c>
/// (unit "count"), and Falco's Prometheus converter writes it in the <c>falcosecurity_plugins_</c> subsystem with
/// the unit suffix <c>_total</c>, after removing libs' unit suffixes from the name and replacing every character
/// Prometheus does not allow with '_' (<c>cloudtrail.files_skipped_link_loop</c> →
/// <c>falcosecurity_plugins_cloudtrail_files_skipped_link_loop_total</c>); a monotonic metric is a counter, any other
/// a gauge.
/// </summary>
public static partial class PluginMetricsText
{
    public static void Write(PrometheusText text, IReadOnlyDictionary<string, PluginMetricValue> metrics)
    {
        foreach (var (name, metric) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var family = FamilyName(name);
            text.Family(family, metric.Type == PluginMetricType.Monotonic ? MetricType.Counter : MetricType.Gauge,
                    $"Plugin metric {name}")
                .Sample(metric.Value);
        }
    }

    /// <summary>The Prometheus name libs' <c>convert_metric_to_text_prometheus</c> gives a plugin metric of unit count.</summary>
    public static string FamilyName(string metricName)
    {
        var name = UnitSuffixes().Replace("falcosecurity_plugins_" + metricName + "_", "") + "total";
        name = PrometheusText.NameChars(name);
        return char.IsAsciiLetter(name[0]) || name[0] == '_' ? name : "_" + name;
    }

    [GeneratedRegex("(_kb|_bytes|_mb|_perc|_percentage|_ratio|_ns|_ts|_sec|_total)")]
    private static partial Regex UnitSuffixes();
}
