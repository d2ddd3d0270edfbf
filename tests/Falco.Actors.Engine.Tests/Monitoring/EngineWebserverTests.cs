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

    private EngineSetup Setup(int port, int events, int dwellUs)
    {
        var setup = _scenario.Setup(EngineScenario.Counter(events, batch: 10, more: $", \"dwell_us\": {dwellUs}"),
            EngineScenario.EveryEvent("Every counter event", "counter", "event n=%counter.n"),
            EngineScenario.Actors(batchSize: 10, batchTimeMs: 20, inFlight: 2, partitions: 2), [new RecordingSink()]);
        return setup with
        {
            Configuration = setup.Configuration with { Webserver = new WebserverConfig(true, port, "127.0.0.1", "/healthz") },
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

    private static async Task<bool> Delay()
    {
        await Task.Delay(50);
        return true;
    }
}
