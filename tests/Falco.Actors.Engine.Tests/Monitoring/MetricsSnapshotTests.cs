using System.Text.Json;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Logging;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Monitoring;

/// <summary>
/// Falco's metrics snapshot: the interval's duration form, the output fields (Falco's names), the alert and the
/// output_file line, the report writing both, and the end-of-run detection counts.
/// </summary>
public sealed class MetricsSnapshotTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly EngineMetricsInfo Info = new("0.1.0", ["aws_cloudtrail", "counter"], "host-1")
    {
        Rules = [new("Console Login Without MFA", "aws_cloudtrail", []), new("Quiet rule", "aws_cloudtrail", [])],
    };

    private static readonly ProcessSample Process = new(2.0, 200L * 1024 * 1024, 3L * 1024 * 1024 * 1024,
        DateTimeOffset.UnixEpoch.AddSeconds(1_000), DateTimeOffset.UnixEpoch.AddSeconds(1_010));

    private static EngineStatisticsSnapshot Stats()
    {
        var stats = new EngineStatistics();
        stats.AddEventsIn("aws_cloudtrail", 800);
        stats.AddAlert("Console Login Without MFA", Priority.Critical);
        stats.AddAlert("Console Login Without MFA", Priority.Critical);
        stats.AddAlert("Root Account Activity", Priority.Warning);
        stats.AddPluginMetric("cloudtrail.files_skipped_link_loop", Falco.Actors.Plugins.Abstractions.PluginMetricType.Monotonic, 2);
        return stats.Snapshot();
    }

    [Theory]
    [InlineData("1ms", 1)]
    [InlineData("15s", 15_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("1y", 31_536_000_000)]
    [InlineData("1h3m2s1ms", 3_782_001)]
    [InlineData(" 1m 30s ", 90_000)]
    [InlineData("5000", 5_000)]
    [InlineData("1m1h", 0)]
    [InlineData("15 minutes", 0)]
    [InlineData("", 0)]
    public void An_interval_is_read_as_falco_reads_a_prometheus_duration(string text, long ms)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(ms), PrometheusDuration.Parse(text));
    }

    [Fact]
    public void A_snapshot_has_falcos_field_names_for_its_source()
    {
        var fields = MetricsSnapshot.Fields(MetricsConfig.Default, Info, Stats(), Process, "aws_cloudtrail", 300, TimeSpan.FromSeconds(10));

        Assert.Equal("aws_cloudtrail", fields["evt.source"]);
        Assert.Equal("host-1", fields["evt.hostname"]);
        Assert.Equal("0.1.0", fields["falco.version"]);
        Assert.Equal("source_plugin", fields["scap.engine_name"]);
        Assert.Equal(1_000_000_000_000L, fields["falco.start_ts"]);
        Assert.Equal(10L, fields["falco.duration_sec"]);
        Assert.Equal(800L, fields["falco.num_evts"]);
        Assert.Equal(300L, fields["falco.num_evts_prev"]);
        Assert.Equal(50.0, fields["falco.evts_rate_sec"]);
        Assert.Equal(0L, fields["falco.outputs_queue_num_drops"]);
        Assert.Equal(3L, fields["falco.rules.matches_total"]);
        Assert.Equal(2L, fields["falco.rules.Console_Login_Without_MFA"]);
        Assert.Equal(1L, fields["falco.rules.Root_Account_Activity"]);
        Assert.False(fields.ContainsKey("falco.rules.Quiet_rule")); // include_empty_values: false
        Assert.Equal(20.0, fields["falco.cpu_usage_perc"]);
        Assert.Equal(200.0, fields["falco.memory_rss_mb"]);
        Assert.Equal(3072.0, fields["falco.memory_vsz_mb"]);
        Assert.Equal(2L, fields["plugins.cloudtrail.files_skipped_link_loop"]);
        Assert.Equal(fields.Keys.Order(StringComparer.Ordinal), fields.Keys);
    }

    [Fact]
    public void The_category_flags_empty_values_and_memory_units_are_honoured()
    {
        var config = MetricsConfig.Default with
        {
            IncludeEmptyValues = true,
            ConvertMemoryToMb = false,
            PluginsMetricsEnabled = false,
            RulesCountersEnabled = true,
        };
        var fields = MetricsSnapshot.Fields(config, Info, Stats(), Process, "counter", 0, TimeSpan.FromSeconds(10));
        var none = MetricsSnapshot.Fields(MetricsConfig.Default with { RulesCountersEnabled = false, ResourceUtilizationEnabled = false },
            Info, Stats(), Process, "counter", 0, TimeSpan.FromSeconds(10));

        Assert.Equal(0L, fields["falco.rules.Quiet_rule"]);
        Assert.Equal(200L * 1024, fields["falco.memory_rss_kb"]);
        Assert.False(fields.ContainsKey("falco.evts_rate_sec")); // no previous count yet
        Assert.DoesNotContain(fields.Keys, k => k.StartsWith("plugins."));
        Assert.DoesNotContain(none.Keys, k => k.StartsWith("falco.rules.") || k.StartsWith("falco.memory") || k == "falco.cpu_usage_perc");
        Assert.Equal(0L, none["falco.num_evts"]);
    }

    [Theory]
    [InlineData("Console Login Without MFA", "Console_Login_Without_MFA")]
    [InlineData("S3 bucket: public (ACL)!", "S3_bucket:_public_ACL")]
    [InlineData("a--b__c", "a_b_c")]
    public void Rule_names_are_sanitized_as_falco_sanitizes_them(string name, string metric)
    {
        Assert.Equal(metric, MetricsSnapshot.SanitizeRuleName(name));
    }

    [Fact]
    public void The_alert_has_falcos_rule_priority_source_and_forms()
    {
        var fields = new SortedDictionary<string, object>(StringComparer.Ordinal) { ["falco.num_evts"] = 5L, ["evt.source"] = "counter" };
        var now = DateTimeOffset.UnixEpoch.AddSeconds(1_800_000_000).AddTicks(1234567);

        var json = MetricsSnapshot.Alert(fields, now, "host-1", jsonOutput: true);
        var text = MetricsSnapshot.Alert(fields, now, "host-1", jsonOutput: false);

        Assert.Equal(("Falco internal: metrics snapshot", Priority.Informational, "internal"), (json.Rule, json.Priority, json.Source));
        Assert.Matches(@"^\d\d:\d\d:\d\d\.123456700: Informational Falco metrics snapshot \(evt\.source=""counter"" falco\.num_evts=5\)$", text.Payload);
        Assert.Equal(
            """{"hostname":"host-1","output":"Falco metrics snapshot","output_fields":{"evt.source":"counter","falco.num_evts":5},"priority":"Informational","rule":"Falco internal: metrics snapshot","source":"internal","time":"2027-01-15T08:00:00.123456700Z"}""",
            json.Payload);
        Assert.Equal("""{"output_fields":{"evt.source":"counter","falco.num_evts":5},"sample":3}""", MetricsSnapshot.FileLine(fields, 3));
    }

    [Fact]
    public void The_report_appends_one_line_per_source_and_sends_one_alert_per_source_every_tick()
    {
        var file = _dir.Write("metrics.jsonl", "kept\n");
        var alerts = new List<FormattedAlert>();
        var config = MetricsConfig.Default with { Enabled = true, OutputFile = ConfigPath.AsWritten(file) };
        using (var report = new MetricsSnapshotReport(config, Info, alerts.Add, jsonOutput: true, EngineLog.To(TextWriter.Null)))
        {
            var stats = Stats();
            report.Report(null, stats, TimeSpan.FromSeconds(1));
            report.Report(stats, stats, TimeSpan.FromSeconds(1));
        }

        var lines = File.ReadAllLines(file);
        Assert.Equal("kept", lines[0]); // appended, as Falco opens the file
        var samples = lines[1..].Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1, 1, 2, 2], samples.Select(s => s.GetProperty("sample").GetInt32()));
        Assert.Equal(["aws_cloudtrail", "counter", "aws_cloudtrail", "counter"],
            samples.Select(s => s.GetProperty("output_fields").GetProperty("evt.source").GetString()));
        Assert.Equal(800, samples[2].GetProperty("output_fields").GetProperty("falco.num_evts_prev").GetInt64());
        Assert.Equal(4, alerts.Count);
        Assert.All(alerts, a => Assert.Equal(MetricsSnapshot.RuleName, a.Rule));
    }

    [Fact]
    public void Output_rule_false_sends_no_alert_and_an_unopenable_output_file_is_named()
    {
        var alerts = new List<FormattedAlert>();
        using (var report = new MetricsSnapshotReport(MetricsConfig.Default with { Enabled = true, OutputRule = false }, Info, alerts.Add, false,
                   EngineLog.To(TextWriter.Null)))
        {
            report.Report(null, Stats(), TimeSpan.FromSeconds(1));
        }
        var missing = ConfigPath.AsWritten(_dir.File("no/such/dir/m.jsonl"));
        var error = Assert.Throws<IOException>(() =>
            new MetricsSnapshotReport(MetricsConfig.Default with { Enabled = true, OutputFile = missing }, Info, null, false, EngineLog.To(TextWriter.Null)));

        Assert.Empty(alerts);
        Assert.StartsWith($"metrics.output_file '{missing.Raw}': cannot open", error.Message);
    }

    [Fact]
    public void The_end_of_run_block_counts_by_priority_and_by_rule_in_load_order_as_falco()
    {
        var text = DetectionCounts.Format(Stats(), ["Root Account Activity", "Console Login Without MFA", "Quiet rule"]);

        Assert.Equal("""
            Events detected: 3
            Rule counts by severity:
               CRITICAL: 2
               WARNING: 1
            Triggered rules by rule name:
               Root Account Activity: 1
               Console Login Without MFA: 2

            """.Replace("\r", ""), text);
        Assert.Equal("Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n",
            DetectionCounts.Format(new EngineStatistics().Snapshot(), []));
    }
}
