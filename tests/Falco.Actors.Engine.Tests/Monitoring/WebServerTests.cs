using System.Net;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Logging;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Monitoring;

/// <summary>The webserver over real HTTP on 127.0.0.1: /healthz, /metrics, disabled, port in use, stop.</summary>
public sealed class WebServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static WebserverConfig Config(int port, string healthz = "/healthz", bool enabled = true) =>
        new(enabled, port, "127.0.0.1", healthz) { PrometheusMetricsEnabled = true };

    /// <summary>/metrics is served: metrics.enabled and webserver.prometheus_metrics_enabled, as Falco requires.</summary>
    private static Task<EngineMonitoring> StartAsync(WebserverConfig config, EngineStatistics stats, EngineMetricsInfo? info = null,
        bool metricsEnabled = true) =>
        EngineMonitoring.StartAsync(new MonitoringSettings(config, 0) { Metrics = MetricsConfig.Default with { Enabled = metricsEnabled } }, stats,
            info ?? new EngineMetricsInfo("1.2.3", ["counter"], "test-host"), EngineLog.To(TextWriter.Null));

    [Fact]
    public async Task Healthz_answers_200_with_falcos_json()
    {
        var port = Ports.Free();
        await using var monitoring = await StartAsync(Config(port), new EngineStatistics());

        using var response = await Http.GetAsync($"http://127.0.0.1:{port}/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status": "ok"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), monitoring.WebServer!.Address);
    }

    [Fact]
    public async Task The_healthz_endpoint_is_the_configured_one_and_other_paths_are_404()
    {
        var port = Ports.Free();
        await using var monitoring = await StartAsync(Config(port, "/k8s/health"), new EngineStatistics());

        using var custom = await Http.GetAsync($"http://127.0.0.1:{port}/k8s/health");
        using var standard = await Http.GetAsync($"http://127.0.0.1:{port}/healthz");
        using var other = await Http.GetAsync($"http://127.0.0.1:{port}/version");
        using var post = await Http.PostAsync($"http://127.0.0.1:{port}/metrics", new StringContent(""));

        Assert.Equal(HttpStatusCode.OK, custom.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, standard.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task Metrics_are_valid_prometheus_text_with_its_content_type()
    {
        var port = Ports.Free();
        var stats = new EngineStatistics();
        stats.AddEventsIn("counter", 3);
        stats.AddAlert("Every event", Priority.Warning);
        await using var monitoring = await StartAsync(Config(port), stats);

        using var response = await Http.GetAsync($"http://127.0.0.1:{port}/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var scrape = Exposition.Parse(text);
        Assert.All(scrape.Types.Keys, name => Assert.Contains(name, scrape.Helps.Keys));
        Assert.All(scrape.Types.Where(t => t.Value == "counter"), t => Assert.EndsWith("_total", t.Key));
        Assert.Equal("counter", scrape.Types["falcosecurity_falco_rules_matches_total"]);
        Assert.Equal("gauge", scrape.Types["falco_actors_batches_in_flight"]);
        Assert.Equal(1, scrape.Value("falcosecurity_falco_version_info", ("version", "1.2.3")));
        Assert.Equal(1, scrape.Value("falcosecurity_falco_evt_source_info", ("evt_source", "counter")));
        Assert.Equal(1, scrape.Value("falcosecurity_evt_hostname_info", ("hostname", "test-host")));
    }

    [Fact]
    public async Task Metrics_reflect_the_statistics_at_each_scrape()
    {
        var port = Ports.Free();
        var stats = new EngineStatistics();
        const string oddRule = "Rule with \"quotes\", a back\\slash\nand a line feed";
        stats.AddEventsIn("aws_cloudtrail", 40);
        stats.AddEventsIn("aws_cloudtrail", 2);
        stats.AddEventsIn("k8s_audit", 7);
        stats.AddEvaluated("aws_cloudtrail", 30);
        stats.AddAlert("Console Login Without MFA", Priority.Critical);
        stats.AddAlert("Console Login Without MFA", Priority.Critical);
        stats.AddAlert(oddRule, Priority.Notice);
        stats.BatchSent("aws_cloudtrail");
        stats.BatchSent("aws_cloudtrail");
        stats.BatchSent("aws_cloudtrail");
        stats.BatchDone("aws_cloudtrail");
        stats.AddRestart("k8s_audit");
        stats.AddDropped("outputs.rate", 4);
        stats.AddDropped("output:http", 2);
        stats.AddDropped("outputs_queue:http", 5);
        stats.AddDropped("output_discarded:http", 3);
        stats.AddWritten("stdout", 3);
        stats.AddWritten("http", 1);
        stats.AddEvaluationError();
        await using var monitoring = await StartAsync(Config(port), stats);

        var scrape = Exposition.Parse(await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));

        Assert.Equal(42, scrape.Value("falco_actors_events_in_total", ("source", "aws_cloudtrail")));
        Assert.Equal(7, scrape.Value("falco_actors_events_in_total", ("source", "k8s_audit")));
        Assert.Equal(30, scrape.Value("falco_actors_events_evaluated_total", ("source", "aws_cloudtrail")));
        Assert.Equal(2, scrape.Value("falcosecurity_falco_rules_matches_total", ("rule_name", "Console Login Without MFA"), ("priority", "2")));
        Assert.Equal(1, scrape.Value("falcosecurity_falco_rules_matches_total", ("rule_name", oddRule), ("priority", "5")));
        Assert.Equal(3, scrape.Value("falco_actors_batches_total"));
        Assert.Equal(2, scrape.Value("falco_actors_batches_in_flight", ("source", "aws_cloudtrail")));
        Assert.Equal(3, scrape.Value("falco_actors_batches_in_flight_max", ("source", "aws_cloudtrail")));
        Assert.Equal(1, scrape.Value("falco_actors_session_restarts_total", ("source", "k8s_audit")));
        Assert.Equal(1, scrape.Value("falco_actors_evaluation_errors_total"));
        Assert.Equal(4, scrape.Value("falco_actors_dropped_total", ("reason", "outputs.rate")));
        // Falco's counter is its queue's drops (here, the outputs' queues'); the rate limit's are not lost alerts.
        Assert.Equal(5, scrape.Value("falcosecurity_falco_outputs_queue_num_drops_total"));
        Assert.Equal(5, scrape.Value("falco_actors_outputs_queue_drops_total", ("output", "http")));
        Assert.Equal(0, scrape.Value("falco_actors_outputs_queue_drops_total", ("output", "stdout")));
        Assert.Equal(3, scrape.Value("falco_actors_outputs_discarded_total", ("output", "http")));
        Assert.Equal(5, scrape.Value("falco_actors_dropped_total", ("reason", "outputs_queue:http")));
        Assert.Equal(3, scrape.Value("falco_actors_outputs_delivered_total", ("output", "stdout")));
        Assert.Equal(1, scrape.Value("falco_actors_outputs_delivered_total", ("output", "http")));
        Assert.Equal(2, scrape.Value("falco_actors_outputs_failed_total", ("output", "http")));
        Assert.Equal(0, scrape.Value("falco_actors_outputs_failed_total", ("output", "stdout")));
        // Both sources that sent events are listed, with the one the run was started with.
        Assert.Equal(["aws_cloudtrail", "counter", "k8s_audit"],
            scrape.Of("falcosecurity_falco_evt_source_info").Select(s => s.Labels["evt_source"]));

        stats.AddEventsIn("k8s_audit", 5);
        var again = Exposition.Parse(await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));
        Assert.Equal(12, again.Value("falco_actors_events_in_total", ("source", "k8s_audit")));
    }

    [Fact]
    public async Task Rule_matches_carry_falcos_labels_priority_rule_name_source_and_one_per_tag()
    {
        var port = Ports.Free();
        var stats = new EngineStatistics();
        stats.AddAlert("Console Login Without MFA", Priority.Critical);
        stats.AddAlert("Unlisted rule", Priority.Debug);
        var info = new EngineMetricsInfo("1.2.3", ["aws_cloudtrail"], "")
        {
            Rules =
            [
                new RuleMetricInfo("Console Login Without MFA", "aws_cloudtrail", ["T1078", "mitre_initial_access", "aws-console"]),
                new RuleMetricInfo("Never matched", "aws_cloudtrail", []),
            ],
        };
        await using var monitoring = await StartAsync(Config(port), stats, info);

        var scrape = Exposition.Parse(await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));

        var matches = scrape.Of("falcosecurity_falco_rules_matches_total").ToList();
        Assert.Equal(2, matches.Count);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["priority"] = "2",
                ["rule_name"] = "Console Login Without MFA",
                ["source"] = "aws_cloudtrail",
                ["tag_T1078"] = "true",
                ["tag_aws_console"] = "true",
                ["tag_mitre_initial_access"] = "true",
            },
            matches[0].Labels);
        Assert.Equal(new Dictionary<string, string> { ["priority"] = "7", ["rule_name"] = "Unlisted rule" }, matches[1].Labels);
        Assert.False(scrape.Helps.ContainsKey("falcosecurity_evt_hostname_info"));
        Assert.Equal(1, scrape.Value("falcosecurity_scap_engine_name_info", ("engine_name", "source_plugin"), ("evt_source", "aws_cloudtrail")));
    }

    [Fact]
    public async Task Process_metrics_describe_this_process()
    {
        var port = Ports.Free();
        await using var monitoring = await StartAsync(Config(port), new EngineStatistics());

        var scrape = Exposition.Parse(await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var started = new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        Assert.Equal(started, scrape.Value("process_start_time_seconds"), 0.01);
        Assert.Equal(started * 1e9, scrape.Value("falcosecurity_falco_start_timestamp_nanoseconds"), 1e7);
        Assert.InRange(scrape.Value("process_cpu_seconds_total"), 0.01, self.TotalProcessorTime.TotalSeconds + 1);
        Assert.InRange(scrape.Value("process_resident_memory_bytes"), 1 << 20, long.MaxValue);
        Assert.InRange(Math.Abs(scrape.Value("process_resident_memory_bytes") - scrape.Value("falcosecurity_falco_memory_rss_bytes")), 0, 64 << 20);
        Assert.InRange(scrape.Value("falcosecurity_falco_cpu_usage_ratio"), 0, Environment.ProcessorCount);
        Assert.Equal(Environment.ProcessorCount, scrape.Value("falcosecurity_falco_host_num_cpus_total"));
    }

    [Fact]
    public async Task A_disabled_webserver_listens_nowhere()
    {
        var port = Ports.Free();

        await using var monitoring = await StartAsync(Config(port, enabled: false), new EngineStatistics());

        Assert.Null(monitoring.WebServer);
        Assert.False(await Ports.IsListeningAsync(port));
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start_with_falcos_message_and_the_address()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<WebServerException>(() => StartAsync(Config(port), new EngineStatistics()));

        Assert.StartsWith("an error occurred while starting webserver: cannot listen on 127.0.0.1:" + port, error.Message);
        Assert.Contains("address already in use", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_listen_address_that_is_no_address_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<WebServerException>(() =>
            StartAsync(new WebserverConfig(true, Ports.Free(), "no-such-host.invalid", "/healthz"), new EngineStatistics()));

        Assert.Contains("webserver.listen_address 'no-such-host.invalid'", error.Message);
    }

    [Fact]
    public async Task Stopping_closes_the_port()
    {
        var port = Ports.Free();
        var monitoring = await StartAsync(Config(port), new EngineStatistics());
        Assert.True(await Ports.IsListeningAsync(port));

        await monitoring.DisposeAsync();

        Assert.False(await Ports.IsListeningAsync(port));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Metrics_is_404_unless_both_metrics_enabled_and_prometheus_metrics_enabled_as_in_falco(bool metricsEnabled, bool prometheus)
    {
        var port = Ports.Free();
        await using var monitoring = await StartAsync(Config(port) with { PrometheusMetricsEnabled = prometheus }, new EngineStatistics(),
            metricsEnabled: metricsEnabled);

        using var metrics = await Http.GetAsync($"http://127.0.0.1:{port}/metrics");
        using var healthz = await Http.GetAsync($"http://127.0.0.1:{port}/healthz");

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
    }

    [Fact]
    public async Task Versions_answers_falcos_json_with_our_version_the_engine_version_and_the_plugins()
    {
        var port = Ports.Free();
        var info = new EngineMetricsInfo("1.2.3", ["counter"], "test-host") { Plugins = [new("counter", "0.4.1"), new("json", "0.7.2")] };
        await using var monitoring = await StartAsync(Config(port), new EngineStatistics(), info, metricsEnabled: false);

        using var response = await Http.GetAsync($"http://127.0.0.1:{port}/versions");
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = json.RootElement;
        Assert.Equal(Falco.Actors.Engine.Hosting.FalcoActorsVersion.Current, root.GetProperty("falco_version").GetString());
        Assert.Equal(Falco.Actors.Rules.Loading.EngineVersion.Current.ToString(), root.GetProperty("engine_version_semver").GetString());
        Assert.Equal(Falco.Actors.Rules.Loading.EngineVersion.Current.Minor.ToString(), root.GetProperty("engine_version").GetString());
        Assert.Matches(@"^3\.\d+\.\d+$", root.GetProperty("plugin_api_version").GetString());
        Assert.Equal("0.4.1", root.GetProperty("plugin_versions").GetProperty("counter").GetString());
        Assert.Equal("0.7.2", root.GetProperty("plugin_versions").GetProperty("json").GetString());
    }

    [Fact]
    public async Task Port_zero_takes_a_free_port_and_says_which()
    {
        await using var server = await FalcoWebServer.StartAsync(Config(0), () => "");

        Assert.NotEqual(0, server.Address.Port);
        Assert.Equal("""{"status": "ok"}""", await Http.GetStringAsync(new Uri(server.Address, "healthz")));
    }
}
