using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>Credits, output back-pressure, graceful stop.</summary>
public sealed class FlowControlTests : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static List<ulong> Numbers(RecordingSink sink) =>
        [.. sink.Alerts.Select(a => ulong.Parse(a.Text[(a.Text.LastIndexOf("n=", StringComparison.Ordinal) + 2)..]))];

    [Fact]
    public async Task A_fast_source_and_a_slow_output_keep_batches_in_flight_and_the_output_backlog_bounded()
    {
        var sink = new RecordingSink(delay: TimeSpan.FromMilliseconds(1));
        var setup = _scenario.Setup(EngineScenario.Counter(600, batch: 20),
            EngineScenario.EveryEvent("Counted", "counter", "n=%counter.n"),
            EngineScenario.Actors(batchSize: 10, batchTimeMs: 50, inFlight: 2, partitions: 2), [sink]) with
        {
            OutputBacklog = new OutputRouterOptions(HighWater: 40, LowWater: 20),
        };

        await using var run = await FalcoEngine.StartAsync(setup);
        long highestInFlight = 0;
        long highestAhead = 0;
        while (!run.Completion.IsCompleted)
        {
            // Events accepted but not yet written: batches in flight plus the output's backlog.
            highestInFlight = Math.Max(highestInFlight, run.Statistics.InFlight("counter"));
            highestAhead = Math.Max(highestAhead, run.Statistics.EventsIn("counter") - sink.Alerts.Count);
            await Task.Delay(2);
        }
        var result = await run.Completion;

        Assert.InRange(result.Statistics.MaxBatchesInFlight["counter"], 1, 2);
        Assert.InRange(highestInFlight, 0, 2);
        // The source pauses while the output lags, so what is accepted but not written stays near the high-water
        // mark (40) plus a few batches (the pressure signal travels asynchronously, while credits keep cycling),
        // never the whole input (600).
        Assert.InRange(highestAhead, 0, 200);
        Assert.Equal(Enumerable.Range(1, 600).Select(i => (ulong)i), Numbers(sink));
        Assert.Equal(0, result.Statistics.TotalDropped);
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
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (ulong)i), Numbers(sink));
    }
}
