using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Tests.Actors;
using Falco.Actors.Tests.Shared;

namespace Falco.Actors.Engine.Tests.Monitoring;

/// <summary>
/// What a plugin skipped reaches /metrics under Falco's names: the CloudTrail sample with link loops, a dangling link
/// and a FIFO in it is read whole (all its alerts), and the cloudtrail plugin's counts of the entries it passed over
/// are scraped from the running engine (an endless counter source keeps it running).
/// </summary>
public sealed class PluginMetricsWebserverTests : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private string FaultySample()
    {
        var logs = Path.Combine(_scenario.Folder, "logs");
        FileTree.Copy(TestPlugins.Sample("cloudtrail"), logs);
        Directory.CreateDirectory(Path.Combine(logs, "x", "y"));
        File.CreateSymbolicLink(Path.Combine(logs, "x", "y", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(logs, "self"), ".");
        File.CreateSymbolicLink(Path.Combine(logs, "AWSLogs", "gone.json"), "/nonexistent/gone.json");
        Assert.Equal(0, FileTree.MakeFifo(Path.Combine(logs, "AWSLogs", "pipe.json")));
        return logs;
    }

    [Fact]
    public async Task A_plugins_skip_counts_are_on_metrics_with_Falcos_names_and_every_alert_of_the_rest_is_raised()
    {
        var port = Ports.Free();
        var plugins = EngineScenario.CloudTrailSample.Replace(TestPlugins.Sample("cloudtrail"), FaultySample(), StringComparison.Ordinal)
            + "\n" + EngineScenario.Counter(100_000_000, batch: 10, more: ", \"dwell_us\": 2000");
        var setup = _scenario.Setup(plugins,
            EngineScenario.CloudTrailRules + "\n" + EngineScenario.EveryEvent("Every counter event", "counter", "n=%counter.n", "counter.n < 0"),
            EngineScenario.Actors(batchSize: 64, batchTimeMs: 20, inFlight: 4, partitions: 2));
        setup = setup with { Configuration = setup.Configuration with
            {
                Webserver = new WebserverConfig(true, port, "127.0.0.1", "/healthz") { PrometheusMetricsEnabled = true },
                Metrics = MetricsConfig.Default with { Enabled = true },
            } };

        var run = await FalcoEngine.StartAsync(setup);
        Exposition scrape;
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            do
            {
                scrape = Exposition.Parse(await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));
            }
            while (scrape.Of("falcosecurity_plugins_cloudtrail_files_skipped_not_regular_total").Sum(s => s.Value) < 1
                   && DateTime.UtcNow < deadline && await Delay());
        }
        finally
        {
            await run.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        var result = await run.Completion;

        Assert.Equal(2, scrape.Value("falcosecurity_plugins_cloudtrail_files_skipped_already_listed_total"));
        Assert.Equal(1, scrape.Value("falcosecurity_plugins_cloudtrail_files_skipped_dangling_link_total"));
        Assert.Equal(1, scrape.Value("falcosecurity_plugins_cloudtrail_files_skipped_not_regular_total"));
        Assert.Equal(0, scrape.Value("falcosecurity_plugins_cloudtrail_records_skipped_malformed_total"));
        Assert.Equal("counter", scrape.Types["falcosecurity_plugins_cloudtrail_files_skipped_link_loop_total"]);
        Assert.Equal(8000, result.Statistics.EventsIn["aws_cloudtrail"]);
        Assert.Equal(144, result.Statistics.TotalAlerts);
        Assert.Equal(new PluginMetricValue(Plugins.Abstractions.PluginMetricType.Monotonic, 2),
            result.Statistics.PluginMetrics["cloudtrail.files_skipped_already_listed"]);
    }

    [Theory]
    [InlineData("cloudtrail.files_skipped_link_loop", "falcosecurity_plugins_cloudtrail_files_skipped_link_loop_total")]
    [InlineData("container.n_containers", "falcosecurity_plugins_container_n_containers_total")]
    [InlineData("my-plugin.evt_total", "falcosecurity_plugins_my_plugin_evt_total")]
    [InlineData("x.queue.size_bytes", "falcosecurity_plugins_x_queue_size_total")]
    public void Plugin_metric_names_become_Falcos_Prometheus_names(string metric, string family) =>
        Assert.Equal(family, PluginMetricsText.FamilyName(metric));

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }

}
