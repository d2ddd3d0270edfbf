using Falco.Actors.Engine.Hosting;
using Xunit.Abstractions;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>Whole runs through <see cref="FalcoEngine"/>: real native plugins, sharded evaluators, output actors.</summary>
public sealed class PipelineTests(ITestOutputHelper output) : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static IEnumerable<ulong> Numbers(RecordingSink sink) =>
        sink.Alerts.Select(a => ulong.Parse(a.Text[(a.Text.LastIndexOf("n=", StringComparison.Ordinal) + 2)..]));

    [Fact]
    public async Task A_source_runs_to_eof_and_its_alerts_arrive_in_event_order_across_partitions()
    {
        var sink = new RecordingSink();
        var setup = _scenario.Setup(EngineScenario.Counter(2000, batch: 7),
            EngineScenario.EveryEvent("Every counter event", "counter", "event n=%counter.n"),
            EngineScenario.Actors(batchSize: 16, batchTimeMs: 20, inFlight: 4, partitions: 4), [sink]);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var run = await FalcoEngine.StartAsync(setup);
        output.WriteLine($"started {clock.ElapsedMilliseconds} ms");
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"completed {clock.ElapsedMilliseconds} ms");

        Assert.Equal(0, result.ExitCode);
        var source = Assert.Single(result.Sources);
        Assert.Equal(SourceOutcome.Eof, source.Outcome);
        Assert.Equal(2000UL, source.EventsAccepted);
        Assert.Equal(2000, result.Statistics.EventsIn["counter"]);
        Assert.Equal(2000, result.Statistics.AlertsOf("Every counter event"));
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (ulong)i), Numbers(sink));
        Assert.Equal(0, result.Statistics.BatchesInFlight["counter"]);
        Assert.InRange(result.Statistics.MaxBatchesInFlight["counter"], 1, 4);
        Assert.Equal(0, result.Statistics.TotalDropped);
        Assert.True(sink.Flushes >= 1);
        Assert.False(sink.Overlapped);
    }

    [Fact]
    public async Task Every_plugin_state_is_called_from_one_thread_only()
    {
        var sink = new RecordingSink();
        var setup = _scenario.Setup(EngineScenario.Counter(600, batch: 10),
            EngineScenario.EveryEvent("Threads", "counter", "tids=%counter.tids overlaps=%counter.overlaps n=%counter.n"),
            EngineScenario.Actors(batchSize: 10, batchTimeMs: 20, inFlight: 4, partitions: 3), [sink]);

        await using var run = await FalcoEngine.StartAsync(setup);
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        // counter.tids lists the OS threads that ever called the evaluator's own state: one thread per state,
        // and no call overlapped another.
        Assert.Equal(600, sink.Alerts.Count);
        Assert.All(sink.Alerts, a => Assert.Contains(" overlaps=0 ", a.Text));
        var tids = sink.Alerts.Select(a => a.Text.Split("tids=")[1].Split(' ')[0]).Distinct().ToList();
        Assert.All(tids, t => Assert.DoesNotContain(",", t));
        Assert.InRange(tids.Count, 1, 3);
    }
}
