using System.Globalization;
using System.Text;
using System.Text.Json;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Rules;
using Falco.Actors.Rules.Output;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// Falco's metrics snapshot of one source (stats_writer's output fields, Falco's names) and its two forms: the alert
/// <c>Falco internal: metrics snapshot</c> (priority Informational, source <c>internal</c>, text
/// <c>12:00:00.000000000: Informational Falco metrics snapshot (k=v …)</c> or Falco's JSON) and the
/// <c>metrics.output_file</c> line <c>{"output_fields":{…},"sample":N}</c>. Keys are sorted, as Falco's JSON sorts them.
/// What this engine has no counterpart for is left out: the kernel, libbpf and thread-table counters (<c>scap.*</c>
/// but <c>scap.engine_name</c>, <c>falco.n_threads</c>…: no kernel driver, no libsinsp), jemalloc, the host's network
/// interfaces, PSS and container memory, the host-wide CPU and memory, and the files' SHA-256 sums.
/// </summary>
public static class MetricsSnapshot
{
    public const string RuleName = "Falco internal: metrics snapshot";
    public const string Message = "Falco metrics snapshot";
    public const string Source = "internal";

    /// <summary>The output fields of <paramref name="source"/>'s snapshot.</summary>
    /// <param name="previousEvents">The source's events at the previous snapshot (0 at the first).</param>
    public static SortedDictionary<string, object> Fields(MetricsConfig config, EngineMetricsInfo info, EngineStatisticsSnapshot stats,
        ProcessSample process, string source, long previousEvents, TimeSpan elapsed)
    {
        var nowNs = Nanoseconds(process.Now);
        var startNs = Nanoseconds(process.StartTime);
        var events = stats.EventsIn.GetValueOrDefault(source);
        var fields = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["evt.time"] = nowNs,
            ["evt.source"] = source,
            ["falco.version"] = info.Version,
            ["falco.start_ts"] = startNs,
            ["falco.reload_ts"] = startNs, // never reloaded: the configuration is read once per run
            ["falco.duration_sec"] = (long)Math.Max(0, (process.Now - process.StartTime).TotalSeconds),
            ["falco.host_boot_ts"] = (process.Now.ToUnixTimeMilliseconds() - Environment.TickCount64) * 1_000_000L,
            ["falco.host_num_cpus"] = (long)Environment.ProcessorCount,
            ["falco.outputs_queue_num_drops"] = OutputLoss.Of(stats, OutputLossKind.QueueFull).Values.Sum(),
            ["scap.engine_name"] = "source_plugin",
            ["falco.num_evts"] = events,
            ["falco.num_evts_prev"] = previousEvents,
        };
        if (EngineMetrics.KernelRelease is { Length: > 0 } release)
        {
            fields["falco.kernel_release"] = release;
        }
        if (info.Hostname.Length > 0)
        {
            fields["evt.hostname"] = info.Hostname;
        }
        if (previousEvents != 0 && elapsed > TimeSpan.Zero)
        {
            fields["falco.evts_rate_sec"] = Math.Round((events - previousEvents) / elapsed.TotalSeconds, 1);
        }
        if (config.RulesCountersEnabled)
        {
            AddRuleCounters(fields, config, info, stats);
        }
        if (config.ResourceUtilizationEnabled)
        {
            AddValue(fields, config, "falco.cpu_usage_perc", Math.Round(process.CpuUsageRatio * 100, 2));
            AddMemory(fields, config, "falco.memory_rss", process.ResidentBytes);
            AddMemory(fields, config, "falco.memory_vsz", process.VirtualBytes);
        }
        if (config.PluginsMetricsEnabled)
        {
            foreach (var (name, metric) in stats.PluginMetrics)
            {
                AddValue(fields, config, "plugins." + name, metric.Value % 1 == 0 && Math.Abs(metric.Value) < 9e18 ? (object)(long)metric.Value : metric.Value);
            }
        }
        return fields;
    }

    /// <summary>The <c>metrics.output_file</c> line of sample number <paramref name="sample"/>.</summary>
    public static string FileLine(IReadOnlyDictionary<string, object> fields, long sample) => JsonText.Document(json =>
    {
        json.WriteStartObject();
        WriteFields(json, "output_fields", fields);
        json.WriteNumber("sample", sample);
        json.WriteEndObject();
    });

    /// <summary>The snapshot as the alert <see cref="RuleName"/>, in JSON when <paramref name="jsonOutput"/>.</summary>
    public static FormattedAlert Alert(IReadOnlyDictionary<string, object> fields, DateTimeOffset now, string hostname, bool jsonOutput)
    {
        var ns = (ulong)Nanoseconds(now);
        var local = now.ToLocalTime();
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{local:HH:mm:ss}.{ns % 1_000_000_000:D9}: {Priority.Informational.ToName()} {Message} (")
            .AppendJoin(' ', fields.Select(f => $"{f.Key}={JsonText.Document(json => WriteValue(json, f.Value))}"))
            .Append(')')
            .ToString();
        string? document = null;
        if (jsonOutput)
        {
            document = JsonText.Document(json =>
            {
                json.WriteStartObject();
                json.WriteString("hostname", hostname);
                json.WriteString("output", Message);
                WriteFields(json, "output_fields", fields);
                json.WriteString("priority", Priority.Informational.ToName());
                json.WriteString("rule", RuleName);
                json.WriteString("source", Source);
                json.WriteString("time", $"{now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.{ns % 1_000_000_000:D9}Z");
                json.WriteEndObject();
            });
        }
        return new FormattedAlert(RuleName, Priority.Informational, Source, [], ns, text, document);
    }

    /// <summary>A rule name as Falco puts it in a metric name: other than <c>[a-zA-Z0-9_:]</c> becomes <c>_</c>, runs of <c>_</c> one, no trailing <c>_</c>.</summary>
    public static string SanitizeRuleName(string name)
    {
        var sanitized = PrometheusText.NameChars(name);
        return sanitized.EndsWith('_') ? sanitized[..^1] : sanitized;
    }

    private static void AddRuleCounters(SortedDictionary<string, object> fields, MetricsConfig config, EngineMetricsInfo info, EngineStatisticsSnapshot stats)
    {
        fields["falco.rules.matches_total"] = stats.TotalAlerts;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var rule in info.Rules)
        {
            counts.TryAdd(rule.Name, 0);
        }
        foreach (var (key, count) in stats.Alerts)
        {
            counts[key.Rule] = counts.GetValueOrDefault(key.Rule) + count;
        }
        foreach (var (rule, count) in counts)
        {
            if (count != 0 || config.IncludeEmptyValues)
            {
                var name = "falco.rules." + SanitizeRuleName(rule);
                fields[name] = (fields.TryGetValue(name, out var other) ? (long)other : 0) + count;
            }
        }
    }

    /// <summary>A memory metric as libs' converter names it: <c>_mb</c> (convert_memory_to_mb), else <c>_kb</c>.</summary>
    private static void AddMemory(SortedDictionary<string, object> fields, MetricsConfig config, string name, long bytes)
    {
        if (config.ConvertMemoryToMb)
        {
            AddValue(fields, config, name + "_mb", Math.Round(bytes / (1024.0 * 1024.0), 2));
        }
        else
        {
            AddValue(fields, config, name + "_kb", bytes / 1024);
        }
    }

    private static void AddValue(SortedDictionary<string, object> fields, MetricsConfig config, string name, object value)
    {
        var empty = value switch { long l => l == 0, double d => d == 0, _ => false };
        if (!empty || config.IncludeEmptyValues)
        {
            fields[name] = value;
        }
    }

    private static long Nanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    private static void WriteFields(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, object> fields)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(key);
            WriteValue(json, value);
        }
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case long l: json.WriteNumberValue(l); break;
            case double d: json.WriteNumberValue(d); break;
            default: json.WriteStringValue(value.ToString()); break;
        }
    }
}
