using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Logging;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Monitoring;

/// <summary>The periodic statistics line: its content, its rate, its timing and its configuration key.</summary>
public sealed class StatisticsLineTests
{
    [Fact]
    public void The_line_gives_events_per_source_the_rate_alerts_by_priority_batches_restarts_and_drops()
    {
        var stats = new EngineStatistics();
        stats.AddEventsIn("aws_cloudtrail", 100);
        var first = stats.Snapshot();
        stats.AddEventsIn("aws_cloudtrail", 150);
        stats.AddEventsIn("counter", 50);
        stats.AddAlert("Root login", Priority.Critical);
        stats.AddAlert("Console login without MFA", Priority.Warning);
        stats.AddAlert("Another warning", Priority.Warning);
        stats.BatchSent("counter");
        stats.AddRestart("counter");
        stats.AddDropped("outputs.rate", 3);

        var line = StatisticsLine.Format(first, stats.Snapshot(), TimeSpan.FromSeconds(4));

        Assert.Equal(
            "Statistics: events in 300 (aws_cloudtrail=250 counter=50), rate 50.0 evt/s, alerts 3 (Critical=1 Warning=2), "
            + "batches in flight 1, restarts 1 (counter=1), dropped 3 (outputs.rate=3)",
            line);
    }

    [Fact]
    public void The_first_line_rates_everything_since_the_start_and_an_idle_engine_says_so()
    {
        var line = StatisticsLine.Format(null, new EngineStatistics().Snapshot(), TimeSpan.FromSeconds(10));

        Assert.Equal("Statistics: events in 0, rate 0.0 evt/s, alerts 0, batches in flight 0, restarts 0, dropped 0", line);
    }

    [Fact]
    public async Task A_line_is_written_every_interval_with_a_falco_style_timestamp()
    {
        var stats = new EngineStatistics();
        stats.AddEventsIn("counter", 12);
        var log = new LineWriter();

        var periodic = PeriodicStatistics.StartLine(stats, TimeSpan.FromMilliseconds(100), EngineLog.To(log));
        var lines = await log.WaitForLinesAsync(2, TimeSpan.FromSeconds(10));
        await periodic.DisposeAsync();
        var written = log.Count;
        await Task.Delay(300);

        Assert.All(lines, l => Assert.Matches(@"^\w{3} \w{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}: Statistics: events in 12 \(counter=12\), rate ", l));
        Assert.EndsWith("rate 0.0 evt/s, alerts 0, batches in flight 0, restarts 0, dropped 0", lines[1]);
        Assert.Equal(written, log.Count);
    }

    [Fact]
    public async Task Monitoring_writes_no_line_when_the_interval_is_zero()
    {
        var log = new LineWriter();
        await using var monitoring = await EngineMonitoring.StartAsync(new MonitoringSettings(new WebserverConfig(false, 0, "127.0.0.1", "/healthz"), 0),
            new EngineStatistics(), new EngineMetricsInfo("1", [], ""), EngineLog.To(log));

        Assert.Null(monitoring.Periodic);
        Assert.Null(monitoring.WebServer);
    }

    [Fact]
    public async Task Monitoring_with_an_interval_writes_lines_until_disposed()
    {
        var log = new LineWriter();
        var stats = new EngineStatistics();
        stats.AddEventsIn("counter", 5);
        var monitoring = await EngineMonitoring.StartAsync(new MonitoringSettings(new WebserverConfig(false, 0, "127.0.0.1", "/healthz"), 1),
            stats, new EngineMetricsInfo("1", ["counter"], ""), EngineLog.To(log));

        var lines = await log.WaitForLinesAsync(1, TimeSpan.FromSeconds(10));
        await monitoring.DisposeAsync();

        Assert.NotNull(monitoring.Periodic);
        // Five events over the first interval of about one second.
        Assert.Matches(@": Statistics: events in 5 \(counter=5\), rate [45]\.\d evt/s, alerts 0,", lines[0]);
    }

    [Fact]
    public void Stats_interval_s_is_read_from_engine_actors_and_is_off_by_default()
    {
        var none = FalcoConfigurationLoader.LoadText("rules_files: []\n", "/tmp/falco.yaml", "/tmp");
        var set = FalcoConfigurationLoader.LoadText("engine_actors:\n  stats_interval_s: 15\n", "/tmp/falco.yaml", "/tmp");

        Assert.Equal(0, none.EngineActors.StatsIntervalS);
        Assert.Equal(15, set.EngineActors.StatsIntervalS);
    }

    [Fact]
    public void A_negative_stats_interval_is_an_error_naming_the_key_and_line()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            FalcoConfigurationLoader.LoadText("engine_actors:\n  stats_interval_s: -1\n", "/tmp/falco.yaml", "/tmp"));

        Assert.Equal("engine_actors.stats_interval_s", error.Key);
        Assert.Equal(2, error.Line);
        Assert.Contains("must be between 0 and 86400, got -1", error.Message);
    }

    /// <summary>Collects whole lines, thread-safe, and lets a test wait for some.</summary>
    private sealed class LineWriter : StringWriter
    {
        private readonly List<string> _lines = [];

        public int Count
        {
            get
            {
                lock (_lines)
                {
                    return _lines.Count;
                }
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_lines)
            {
                _lines.Add(value ?? "");
            }
        }

        public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                lock (_lines)
                {
                    if (_lines.Count >= count)
                    {
                        return [.. _lines];
                    }
                }
                await Task.Delay(20);
            }
            throw new TimeoutException($"fewer than {count} lines within {timeout}");
        }
    }
}
