using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>Credits, output back-pressure (healthy outputs only), graceful stop.</summary>
public sealed class FlowControlTests : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static List<ulong> Numbers(RecordingSink sink) =>
        [.. sink.Alerts.Select(a => ulong.Parse(a.Text[(a.Text.LastIndexOf("n=", StringComparison.Ordinal) + 2)..]))];

    [Fact]
    public async Task A_healthy_slow_output_paces_the_source_and_loses_nothing_with_its_queue_bounded()
    {
        var slow = new RecordingSink("slow", delay: TimeSpan.FromMilliseconds(1));
        var fast = new RecordingSink("fast");
        var setup = _scenario.Setup(EngineScenario.Counter(1000, batch: 20),
            EngineScenario.EveryEvent("Counted", "counter", "n=%counter.n"),
            EngineScenario.Actors(batchSize: 10, batchTimeMs: 50, inFlight: 2, partitions: 2)
            + "\noutputs_queue:\n  capacity: 400\n", [slow, fast]);

        await using var run = await FalcoEngine.StartAsync(setup);
        long highestInFlight = 0;
        while (!run.Completion.IsCompleted)
        {
            highestInFlight = Math.Max(highestInFlight, run.Statistics.InFlight("counter"));
            await Task.Delay(2);
        }
        var result = await run.Completion;

        Assert.InRange(result.Statistics.MaxBatchesInFlight["counter"], 1, 2);
        Assert.InRange(highestInFlight, 0, 2);
        // The slow output's queue holds at most 400 alerts and it lost none of the 1,000 (the source makes them far
        // faster than 1 ms each): the source paused while that queue was past half full.
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (ulong)i), Numbers(slow));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (ulong)i), Numbers(fast));
        Assert.Equal(0, result.Statistics.TotalDropped);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task A_stuck_output_never_holds_the_source_it_drops_counted_while_the_other_output_gets_everything()
    {
        var stuck = new RetryingAlertSink(new GateSink("stuck", honourCancellation: false),
            new SinkRetryPolicy(MaxAttempts: 1, AttemptTimeout: TimeSpan.FromMilliseconds(300), InitialBackoff: TimeSpan.FromMilliseconds(1), MaxBackoff: TimeSpan.FromMilliseconds(1)));
        var fast = new RecordingSink("fast");
        var setup = _scenario.Setup(EngineScenario.Counter(600, batch: 20),
            EngineScenario.EveryEvent("Counted", "counter", "n=%counter.n"),
            EngineScenario.Actors(batchSize: 10, batchTimeMs: 50, inFlight: 2, partitions: 2)
            + "\noutputs_queue:\n  capacity: 40\n", [stuck, fast]);

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(Enumerable.Range(1, 600).Select(i => (ulong)i), Numbers(fast));
        var lost = OutputLoss.Of(result.Statistics, OutputLossKind.QueueFull).GetValueOrDefault("stuck")
                   + OutputLoss.Of(result.Statistics, OutputLossKind.GaveUp).GetValueOrDefault("stuck")
                   + OutputLoss.Of(result.Statistics, OutputLossKind.Discarded).GetValueOrDefault("stuck");
        Assert.Equal(600, lost); // every alert of the stuck output accounted for
        Assert.True(OutputLoss.Of(result.Statistics, OutputLossKind.QueueFull)["stuck"] > 0);
        Assert.Equal(1, result.ExitCode);
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
