using System.Net;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Tests.Actors;

namespace Falco.Actors.Engine.Tests.Monitoring;

/// <summary>The webserver as the engine runs it: up with the run, counting its events, down when it stops.</summary>
public sealed class EngineWebserverTests : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private EngineSetup Setup(int port, int events, int dwellUs, RecordingSink? sink = null)
    {
        var setup = _scenario.Setup(EngineScenario.Counter(events, batch: 10, more: $", \"dwell_us\": {dwellUs}"),
            EngineScenario.EveryEvent("Every counter event", "counter", "event n=%counter.n"),
            EngineScenario.Actors(batchSize: 10, batchTimeMs: 20, inFlight: 2, partitions: 2), [sink ?? new RecordingSink()]);
        return setup with
        {
            Configuration = setup.Configuration with
            {
                Webserver = new WebserverConfig(true, port, "127.0.0.1", "/healthz") { PrometheusMetricsEnabled = true },
                Metrics = MetricsConfig.Default with { Enabled = true },
            },
        };
    }

    [Fact]
    public async Task A_running_engine_answers_healthz_and_metrics_and_closes_the_port_when_it_stops()
    {
        var port = Ports.Free();
        var run = await FalcoEngine.StartAsync(Setup(port, events: 1_000_000, dwellUs: 2_000));
        try
        {
            Assert.Equal("""{"status": "ok"}""", await Http.GetStringAsync($"http://127.0.0.1:{port}/healthz"));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            Exposition scrape;
            do
            {
                scrape = Exposition.Parse(await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));
            }
            while (!scrape.Of("falcosecurity_falco_rules_matches_total").Any() && DateTime.UtcNow < deadline && await Delay());

            Assert.Equal(1, scrape.Value("falcosecurity_falco_evt_source_info", ("evt_source", "counter")));
            Assert.Equal(1, scrape.Value("falcosecurity_evt_hostname_info", ("hostname", "test-host")));
            Assert.InRange(scrape.Value("falco_actors_events_in_total", ("source", "counter")), 1, 1_000_000);
            Assert.InRange(scrape.Value("falcosecurity_falco_rules_matches_total",
                ("rule_name", "Every counter event"), ("priority", "4"), ("source", "counter")), 1, 1_000_000);
        }
        finally
        {
            await run.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.False(await Ports.IsListeningAsync(port));
    }

    [Fact]
    public async Task An_engine_whose_webserver_port_is_taken_does_not_start()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<Falco.Actors.Engine.Monitoring.WebServerException>(() =>
            FalcoEngine.StartAsync(Setup(port, events: 10, dwellUs: 0)));

        Assert.StartsWith("an error occurred while starting webserver", error.Message);
    }

    [Fact]
    public async Task Garbage_slow_and_idle_clients_of_the_webserver_leave_the_alerts_of_a_run_unchanged()
    {
        var port = Ports.Free();
        var sink = new RecordingSink();
        var run = await FalcoEngine.StartAsync(Setup(port, events: 2_000, dwellUs: 300, sink));
        var clients = new List<System.Net.Sockets.TcpClient>();
        for (var i = 0; i < 50; i++)
        {
            var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            clients.Add(client);
            // A third send garbage, a third the start of a request they never finish, a third nothing.
            var bytes = (i % 3) switch
            {
                0 => System.Security.Cryptography.RandomNumberGenerator.GetBytes(512),
                1 => "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: "u8.ToArray(),
                _ => [],
            };
            await client.GetStream().WriteAsync(bytes);
        }
        try
        {
            await run.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        }
        finally
        {
            await run.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
            clients.ForEach(c => c.Dispose());
        }

        Assert.Equal(Enumerable.Range(1, 2_000).Select(n => $"event n={n}"),
            sink.Alerts.Select(a => a.Payload[(a.Payload.IndexOf("event n=", StringComparison.Ordinal))..]).Order(Comparer<string>.Create((a, b) =>
                int.Parse(a[8..], System.Globalization.CultureInfo.InvariantCulture).CompareTo(int.Parse(b[8..], System.Globalization.CultureInfo.InvariantCulture)))));
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(50);
        return true;
    }
}
