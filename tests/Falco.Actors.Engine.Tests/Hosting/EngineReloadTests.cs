using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Tests.Actors;

namespace Falco.Actors.Engine.Tests.Hosting;

/// <summary>
/// Hot reload of a running single-node engine: a stream of the slowed native counter plugin over several partitions,
/// rule A alerting every event, then rule B. Every event number is alerted exactly once, and with one partition the
/// switch is a clean cut: every alert of A is of an earlier event than every alert of B.
/// </summary>
public sealed class EngineReloadTests : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static string Rule(string name) => EngineScenario.EveryEvent(name, "counter", "event n=%counter.n");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Reloading_mid_stream_alerts_every_event_exactly_once_under_one_rule_set(int partitions)
    {
        const int count = 1500;
        var sink = new RecordingSink();
        var setup = _scenario.Setup(EngineScenario.Counter(count, batch: 10, more: ", \"dwell_us\": 5000"), Rule("Rule A"),
            EngineScenario.Actors(batchSize: 20, batchTimeMs: 20, inFlight: 4, partitions), [sink]);
        setup = setup with { Reload = _ => new RulesReload(setup.Configuration, EngineSetup.LoadRules(setup.Configuration, setup.Plugins)) };
        await using var run = await FalcoEngine.StartAsync(setup);
        for (var waited = 0; sink.Alerts.Count < 200; waited += 10)
        {
            Assert.True(waited < 30_000, "fewer than 200 alerts within 30 s");
            await Task.Delay(10);
        }

        File.WriteAllText(_scenario.File("rules.yaml"), Rule("Rule B"));
        var outcome = await run.ReloadRulesAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var readThen = run.Statistics.EventsIn("counter");
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.True(readThen < count, "the stream ended before the reload");
        Assert.Equal(count, result.Statistics.EventsEvaluated["counter"]);
        var alerts = sink.Alerts.Select(x => (x.Rule, N: int.Parse(x.Text[(x.Text.LastIndexOf("event n=", StringComparison.Ordinal) + 8)..]))).ToList();
        Assert.Equal(Enumerable.Range(1, count), alerts.Select(x => x.N).Order());
        Assert.Equal(alerts.Count, result.Statistics.AlertsOf("Rule A") + result.Statistics.AlertsOf("Rule B"));
        Assert.All(alerts.Where(x => x.N > readThen), x => Assert.Equal("Rule B", x.Rule));
        if (partitions == 1)
        {
            Assert.True(alerts.Where(x => x.Rule == "Rule A").Max(x => x.N) < alerts.Where(x => x.Rule == "Rule B").Min(x => x.N));
        }
    }

    [Fact]
    public async Task Reopening_the_outputs_writes_what_follows_to_a_new_file_at_the_path()
    {
        var path = _scenario.File("events.txt");
        var file = Engine.Outputs.Sinks.FileSink.Open(path, keepAlive: true, buffered: false, TimeSpan.FromSeconds(5));
        var sink = new RecordingSink();
        var setup = _scenario.Setup(EngineScenario.Counter(600, batch: 10, more: ", \"dwell_us\": 5000"), Rule("Rule A"),
            EngineScenario.Actors(batchSize: 20, batchTimeMs: 20, inFlight: 4, partitions: 1), [file, sink]);
        await using (var run = await FalcoEngine.StartAsync(setup))
        {
            for (var waited = 0; sink.Alerts.Count < 100; waited += 10)
            {
                Assert.True(waited < 30_000, "fewer than 100 alerts within 30 s");
                await Task.Delay(10);
            }
            File.Move(path, path + ".1"); // logrotate
            run.ReopenOutputs();
            await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        }
        await file.DisposeAsync();

        var rotated = File.ReadAllLines(path + ".1");
        var fresh = File.ReadAllLines(path);
        Assert.NotEmpty(rotated);
        Assert.NotEmpty(fresh);
        Assert.Equal(sink.Alerts.Select(a => a.Payload), rotated.Concat(fresh));
    }
}
