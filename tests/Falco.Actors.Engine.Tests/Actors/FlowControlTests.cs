using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>Credits, outputs that never hold the sources, graceful stop.</summary>
public sealed class FlowControlTests : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static List<ulong> Numbers(RecordingSink sink) =>
        [.. sink.Alerts.Select(a => ulong.Parse(a.Text[(a.Text.LastIndexOf("n=", StringComparison.Ordinal) + 2)..]))];

    [Fact]
    public async Task A_slow_output_drops_what_its_queue_cannot_hold_while_the_source_and_the_other_output_go_on()
    {
        var slow = new RecordingSink("slow", delay: TimeSpan.FromMilliseconds(20));
        var fast = new RecordingSink("fast");
        var setup = _scenario.Setup(EngineScenario.Counter(600, batch: 20),
            EngineScenario.EveryEvent("Counted", "counter", "n=%counter.n"),
            EngineScenario.Actors(batchSize: 10, batchTimeMs: 50, inFlight: 2, partitions: 2)
            + "\noutputs_queue:\n  capacity: 40\n", [slow, fast]);

        await using var run = await FalcoEngine.StartAsync(setup);
        long highestInFlight = 0;
        while (!run.Completion.IsCompleted)
        {
            highestInFlight = Math.Max(highestInFlight, run.Statistics.InFlight("counter"));
            await Task.Delay(2);
        }
        var result = await run.Completion;

        // The source is never held by the slow output (600 alerts at 20 ms would take 12 s): credits keep cycling.
        Assert.InRange(result.Statistics.MaxBatchesInFlight["counter"], 1, 2);
        Assert.InRange(highestInFlight, 0, 2);
        // The other output gets every alert, in order.
        Assert.Equal(Enumerable.Range(1, 600).Select(i => (ulong)i), Numbers(fast));
        // The slow one writes what its queue of 40 held, in order, and every other alert is counted as dropped there.
        var written = Numbers(slow);
        Assert.Equal(written.Order(), written);
        var dropped = result.Statistics.Dropped["outputs_queue:slow"];
        Assert.True(dropped > 0);
        Assert.Equal(600, written.Count + dropped);
        Assert.Equal(600, result.Statistics.Written["fast"]);
        Assert.False(result.Statistics.Dropped.ContainsKey("outputs_queue:fast"));
        Assert.Equal(1, result.ExitCode); // alerts were lost
    }

    [Fact]
    public async Task Stopping_mid_stream_evaluates_and_writes_everything_accepted_then_completes()
    {
        var sink = new RecordingSink();
        var setup = _scenario.Setup(EngineScenario.Counter(100_000_000, batch: 10, more: """, "dwell_us": 100"""),
            EngineScenario.EveryEvent("Counted", "counter", "n=%counter.n"),
            EngineScenario.Actors(batchSize: 20, batchTimeMs: 20, inFlight: 3, partitions: 3), [sink]);

        await using var run = await FalcoEngine.StartAsync(setup);
        while (run.Statistics.EventsIn("counter") < 500)
        {
            await Task.Delay(10);
        }
        var result = await run.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var source = Assert.Single(result.Sources);
        Assert.Equal(SourceOutcome.Stopped, source.Outcome);
        Assert.Equal(0, result.ExitCode);
        Assert.True(source.EventsAccepted >= 500);
        Assert.True(source.EventsAccepted < 100_000_000);
        // Nothing accepted was left behind: every accepted event was evaluated and its alert written, in order.
        Assert.Equal(Enumerable.Range(1, (int)source.EventsAccepted).Select(i => (ulong)i), Numbers(sink));
        Assert.Equal((long)source.EventsAccepted, result.Statistics.EventsEvaluated["counter"]);
        Assert.Equal(0, result.Statistics.BatchesInFlight["counter"]);
        Assert.True(sink.Flushes >= 1);
        Assert.True(run.System.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Alerts_over_the_rate_limit_are_counted_as_dropped()
    {
        var sink = new RecordingSink();
        var setup = _scenario.Setup(EngineScenario.Counter(300, batch: 50),
            EngineScenario.EveryEvent("Counted", "counter", "n=%counter.n"),
            EngineScenario.Actors(batchSize: 50, batchTimeMs: 20, inFlight: 2, partitions: 1)
            + "\noutputs:\n  rate: 0.001\n  max_burst: 100\n", [sink]);

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(300, result.Statistics.TotalAlerts);
        Assert.Equal(100, sink.Alerts.Count);
        Assert.Equal(200, result.Statistics.Dropped["outputs.rate"]);
        Assert.Equal(0, result.ExitCode); // dropped by the configured limit, not lost by an output
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (ulong)i), Numbers(sink));
    }
}
