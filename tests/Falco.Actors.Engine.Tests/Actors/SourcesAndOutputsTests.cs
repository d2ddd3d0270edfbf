using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>Several sources at once, rules per source, keyed partitions, and outputs from falco.yaml.</summary>
[Collection(BrokenPluginCounters.Collection)]
public sealed class SourcesAndOutputsTests : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static ulong After(string text, string marker) =>
        ulong.Parse(text[(text.LastIndexOf(marker, StringComparison.Ordinal) + marker.Length)..]);

    [Fact]
    public async Task Several_sources_run_at_once_each_with_its_own_rules_and_order()
    {
        var sink = new RecordingSink();
        var rules = string.Join("\n",
            EngineScenario.EveryEvent("Even counter", "counter", "n=%counter.n", "counter.even = true"),
            EngineScenario.EveryEvent("Broken event", "broken", "src=%evt.source ts=%evt.rawtime"));
        var setup = _scenario.Setup(
            EngineScenario.Counter(1000, batch: 13) + "\n" + EngineScenario.Broken("""{"count": 700}"""),
            rules, EngineScenario.Actors(batchSize: 32, batchTimeMs: 20, inFlight: 3, partitions: 3), [sink]);

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(["broken", "counter"], result.Sources.Select(s => s.Source).Order());
        Assert.All(result.Sources, s => Assert.Equal(SourceOutcome.Eof, s.Outcome));
        Assert.Equal(1000, result.Statistics.EventsIn["counter"]);
        Assert.Equal(700, result.Statistics.EventsIn["broken"]);
        var counter = sink.Alerts.Where(a => a.Source == "counter").Select(a => After(a.Text, "n=")).ToList();
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (ulong)(2 * i)), counter);
        var broken = sink.Alerts.Where(a => a.Source == "broken").ToList();
        Assert.Equal(Enumerable.Range(1, 700).Select(i => 1000UL + (ulong)i), broken.Select(a => After(a.Text, "ts=")));
        Assert.All(broken, a => Assert.Contains("src=broken ", a.Text));
        Assert.Equal(500, result.Statistics.AlertsOf("Even counter"));
        Assert.Equal(700, result.Statistics.AlertsOf("Broken event"));
    }

    [Fact]
    public async Task With_a_partition_key_events_of_one_key_keep_their_order()
    {
        var sink = new RecordingSink();
        var setup = _scenario.Setup(EngineScenario.Counter(1200, batch: 9),
            EngineScenario.EveryEvent("Counted", "counter", "digit=%counter.digit n=%counter.n"),
            EngineScenario.Actors(batchSize: 16, batchTimeMs: 20, inFlight: 4, partitions: 4, key: "counter.digit"), [sink]);

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, result.ExitCode);
        var alerts = sink.Alerts.Select(a => (Digit: a.Text.Split("digit=")[1][0], N: After(a.Text, "n="))).ToList();
        Assert.Equal(Enumerable.Range(1, 1200).Select(i => (ulong)i), alerts.Select(a => a.N).Order());
        foreach (var key in alerts.GroupBy(a => a.Digit))
        {
            Assert.Equal(key.Select(a => a.N).Order(), key.Select(a => a.N));
        }
    }

    [Fact]
    public async Task The_file_output_of_falco_yaml_receives_every_alert_in_order()
    {
        var file = _scenario.File("events.txt");
        var setup = _scenario.Setup(EngineScenario.Counter(250, batch: 10),
            EngineScenario.EveryEvent("Counted", "counter", "counted n=%counter.n"),
            EngineScenario.Actors(batchSize: 20, batchTimeMs: 20, inFlight: 2, partitions: 2)
            + $"\nfile_output:\n  enabled: true\n  keep_alive: true\n  filename: {file}\n");

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(250, lines.Length);
        Assert.Equal(Enumerable.Range(1, 250).Select(i => (ulong)i), lines.Select(l => After(l, "n=")));
        Assert.All(lines, l => Assert.Contains(": Warning counted n=", l));
        Assert.Equal(250, result.Statistics.Written["file"]);
    }

    [Fact]
    public async Task A_partition_key_that_is_not_a_field_of_the_source_is_refused_before_anything_starts()
    {
        var setup = _scenario.Setup(EngineScenario.Counter(10),
            EngineScenario.EveryEvent("Counted", "counter", "n=%counter.n"),
            EngineScenario.Actors(batchSize: 16, batchTimeMs: 20, inFlight: 4, partitions: 4, key: "ct.user.accountid"), [new RecordingSink()]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => FalcoEngine.StartAsync(setup));

        Assert.StartsWith("engine_actors.partition_key: 'ct.user.accountid' is not a field of the event source 'counter'", error.Message);
    }
}
