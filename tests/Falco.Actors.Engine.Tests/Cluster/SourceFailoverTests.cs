using System.Diagnostics;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.Tests.Actors;
using Xunit.Abstractions;
using static Falco.Actors.Engine.Tests.Cluster.ClusterScenario;

namespace Falco.Actors.Engine.Tests.Cluster;

/// <summary>
/// A source runs as a cluster singleton among the source nodes and fails over: three nodes on 127.0.0.1 — a (the
/// oldest: it hosts the output router singleton and evaluates), b and c (both source and evaluator; b, older, runs the
/// source). The native counter plugin, slowed down, alerts once per event, so every event number must come out
/// exactly once. Messages between nodes go through our serializers, never the JSON fallback (<see cref="JsonFallbackProbe"/>
/// says why not <c>serialize-messages = on</c>).
/// </summary>
public sealed class SourceFailoverTests(ITestOutputHelper output) : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    /// <summary>The victim dies without leaving (no coordinated shutdown: no hand-over, no goodbye).</summary>
    private const string Crash = "\nakka.coordinated-shutdown.run-by-actor-system-terminate = off";

    private static readonly string[] SourceAndEvaluator = [ClusterNode.SourceRole, ClusterNode.EvaluatorRole];

    /// <summary>The counter source: <paramref name="count"/> events, 10 per next_batch, each call slept <paramref name="dwellUs"/>.</summary>
    private EngineSetup Counter(RecordingSink sink, ClusterNode? node, int count, int dwellUs, string hocon = FastFailover) =>
        _scenario.Setup(EngineScenario.Counter(count, batch: 10, more: $", \"dwell_us\": {dwellUs}"),
            EngineScenario.EveryEvent("Every counter event", "counter", "event n=%counter.n"),
            EngineScenario.Actors(batchSize: 20, batchTimeMs: 20, inFlight: 4, partitions: 12), [sink]) with
        {
            Cluster = node,
            Hocon = hocon,
        };

    private static IEnumerable<int> Numbers(RecordingSink sink) =>
        sink.Alerts.Select(x => int.Parse(x.Text[(x.Text.LastIndexOf("event n=", StringComparison.Ordinal) + "event n=".Length)..])).Order();

    /// <summary>Starts a, b, c (b before c, so b is the older source node and runs the source).</summary>
    private async Task<(EngineRun A, EngineRun B, EngineRun C)> StartThreeAsync(Func<RecordingSink, ClusterNode, string, EngineSetup> setup,
        RecordingSink[] sinks, string victimHocon)
    {
        var a = await FalcoEngine.StartAsync(setup(sinks[0], Node([], ClusterNode.EvaluatorRole), FastFailover));
        var seed = Akka.Cluster.Cluster.Get(a.System).SelfAddress.ToString();
        var b = await FalcoEngine.StartAsync(setup(sinks[1], Node([seed], SourceAndEvaluator), FastFailover + victimHocon));
        var c = await FalcoEngine.StartAsync(setup(sinks[2], Node([seed], SourceAndEvaluator), FastFailover));
        await MembersUpAsync(a, 3);
        return (a, b, c);
    }

    private static async Task WaitForEventsAsync(EngineRun run, string source, long events, string what)
    {
        for (var waited = 0; run.Statistics.EventsIn(source) < events; waited += 5)
        {
            Assert.True(waited < 60_000, $"{what} read fewer than {events} events within 60 s");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task A_source_runs_on_one_source_node_only()
    {
        // 2000 events, 10 per call slept 20 ms: 4 s of reading, so c is up while b reads.
        const int count = 2000;
        var sinks = new[] { new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c") };
        var (a, b, c) = await StartThreeAsync((s, n, h) => Counter(s, n, count, dwellUs: 20_000, h), sinks, "");
        await using (a)
        await using (b)
        await using (c)
        {
            var readWhenAllUp = b.Statistics.EventsIn("counter");
            var result = await b.Completion.WaitAsync(TimeSpan.FromSeconds(60));
            // c completes too: the router has recorded the source as finished, whichever node ran it.
            var resultC = await c.Completion.WaitAsync(TimeSpan.FromSeconds(30));
            await a.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(readWhenAllUp < count, "the source ended before the second source node was up");
            Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
            Assert.Empty(resultC.Sources);
            Assert.Equal(count, result.Statistics.EventsIn["counter"]);
            Assert.Equal(0, resultC.Statistics.EventsIn.GetValueOrDefault("counter"));
            Assert.Equal(Enumerable.Range(1, count), Numbers(sinks[0]));
            Assert.Empty(sinks[1].Alerts);
            Assert.Empty(sinks[2].Alerts);
            AssertNoJsonFallback();
        }
    }

    [Fact]
    public async Task Killing_the_source_node_mid_stream_resumes_the_source_on_another_node_with_every_alert_once()
    {
        // 4000 events, 10 per call slept 10 ms: 4 s of reading at least (c starts meanwhile). Local placement (the
        // default): b evaluates its own source's events; when it dies, its shards are allocated again next to the
        // source's new incarnation on c, and a, which evaluates too, is never given a shard.
        const int count = 4000;
        var sinks = new[] { new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c") };
        var (a, b, c) = await StartThreeAsync((s, n, h) => Counter(s, n, count, dwellUs: 10_000, h), sinks, Crash);
        await using (a)
        await using (c)
        {
            await WaitForEventsAsync(b, "counter", 600, "node b");
            var killedAt = b.Statistics.EventsIn("counter");
            var clock = Stopwatch.StartNew();
            await b.System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
            var evaluatedByB = b.Statistics.Snapshot().EventsEvaluated.GetValueOrDefault("counter");
            var removedAfter = await RemovedAsync(c, b, clock);
            await WaitForEventsAsync(c, "counter", 1, "node c");
            var resumedAfter = clock.Elapsed;
            var result = await c.Completion.WaitAsync(TimeSpan.FromSeconds(90));
            var evaluatedByC = result.Statistics.EventsEvaluated.GetValueOrDefault("counter");
            output.WriteLine($"events evaluated: b {evaluatedByB} before it died, c {evaluatedByC}");
            output.WriteLine($"node b killed after reading {killedAt} events; removed {removedAfter.TotalSeconds:0.00} s later; " +
                $"the source resumed on c {resumedAfter.TotalSeconds:0.00} s " +
                $"later and read {result.Statistics.EventsIn["counter"]} events; the run completed {clock.Elapsed.TotalSeconds:0.00} s after the kill");
            var resultA = await a.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await b.DisposeAsync();

            Assert.True(killedAt < count, "the stream ended before the node could be killed");
            Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
            Assert.Equal(0, resultA.Statistics.EventsEvaluated.GetValueOrDefault("counter"));
            Assert.True(evaluatedByB > 0, "b did not evaluate its own source's events");
            Assert.True(evaluatedByC >= result.Statistics.EventsIn["counter"], "c did not evaluate every event its source read");
            // c re-read only what was not written: at most what was read but unconfirmed when b died.
            Assert.True(result.Statistics.EventsIn["counter"] < count, "the new incarnation did not resume: it read everything again");
            Assert.Equal(Enumerable.Range(1, count), Numbers(sinks[0]));
        }
    }

    [Fact]
    public async Task Killing_the_output_node_mid_stream_loses_no_alert_of_a_batch_it_had_not_confirmed()
    {
        // a, the oldest node, runs the output router; it dies without a hand-over. The router starts again on b (now
        // the oldest) from the positions a last published; the guardian sends every batch a had not confirmed again.
        // At least once: every event's alert is in a's sink (written before it died) or b's; a batch written by a
        // after its last publication may be written again by b.
        const int count = 4000;
        var sinks = new[] { new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c") };
        var a = await FalcoEngine.StartAsync(Counter(sinks[0], Node([], ClusterNode.EvaluatorRole), count, 10_000, FastFailover + Crash));
        var seed = Akka.Cluster.Cluster.Get(a.System).SelfAddress.ToString();
        await using var b = await FalcoEngine.StartAsync(Counter(sinks[1], Node([seed], SourceAndEvaluator), count, 10_000));
        await using var c = await FalcoEngine.StartAsync(Counter(sinks[2], Node([seed], SourceAndEvaluator), count, 10_000));
        await WaitForEventsAsync(b, "counter", 600, "node b");
        var killedAt = b.Statistics.EventsIn("counter");
        var writtenByA = sinks[0].Alerts.Count;
        var clock = Stopwatch.StartNew();
        await a.System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        var result = await b.Completion.WaitAsync(TimeSpan.FromSeconds(90));
        await c.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        await a.DisposeAsync();

        var numbers = Numbers(sinks[0]).Concat(Numbers(sinks[1])).ToList();
        var twice = numbers.Count - numbers.Distinct().Count();
        output.WriteLine($"node a (outputs) killed after {killedAt} events were read and ~{writtenByA} alerts written; the run completed " +
            $"{clock.Elapsed.TotalSeconds:0.00} s later; {twice} alert(s) written twice");
        Assert.True(killedAt < count, "the stream ended before the node could be killed");
        Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
        Assert.Equal(count, result.Statistics.EventsIn["counter"]);
        Assert.Equal(Enumerable.Range(1, count), numbers.Distinct().Order());
        Assert.Empty(sinks[2].Alerts);
    }

    /// <summary>The CloudTrail sample with the bundled rules (several alerts per event, twelve partitions).</summary>
    private EngineSetup CloudTrail(RecordingSink sink, ClusterNode? node, string hocon = FastFailover) =>
        _scenario.Setup(EngineScenario.CloudTrailSample, EngineScenario.CloudTrailRules, EngineScenario.Actors(batchSize: 32, batchTimeMs: 30, inFlight: 2, partitions: 12)
            + "\nrule_matching: all\n", [sink]) with { Cluster = node, Hocon = hocon };

    [Fact]
    public async Task Killing_the_source_node_mid_stream_gives_exactly_the_alerts_of_a_single_node_run()
    {
        var single = new RecordingSink();
        await using (var alone = await FalcoEngine.StartAsync(CloudTrail(single, null, hocon: "")))
        {
            Assert.Equal(8000, (await alone.Completion.WaitAsync(TimeSpan.FromSeconds(120))).Statistics.EventsIn["aws_cloudtrail"]);
        }
        var expected = single.Alerts.Select(x => x.Text).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);

        // The sample reads in a few seconds: b and c start together once a (the oldest: the router) is up, and
        // whichever of them is older runs the source and is killed (c may still be joining then).
        var sinks = new[] { new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c") };
        var first = await FalcoEngine.StartAsync(CloudTrail(sinks[0], Node([], ClusterNode.EvaluatorRole)));
        var seed = Akka.Cluster.Cluster.Get(first.System).SelfAddress.ToString();
        var runs = await Task.WhenAll(
            FalcoEngine.StartAsync(CloudTrail(sinks[1], Node([seed], SourceAndEvaluator), FastFailover + Crash)),
            FalcoEngine.StartAsync(CloudTrail(sinks[2], Node([seed], SourceAndEvaluator), FastFailover + Crash)));
        await WaitForAnyAsync(runs[0], runs[1], "aws_cloudtrail", 3000);
        var (a, b, c) = runs[0].Statistics.EventsIn("aws_cloudtrail") > 0 ? (first, runs[0], runs[1]) : (first, runs[1], runs[0]);
        await using (a)
        await using (c)
        {
            var killedAt = b.Statistics.EventsIn("aws_cloudtrail");
            var clock = Stopwatch.StartNew();
            await b.System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
            var removedAfter = await RemovedAsync(c, b, clock);
            await WaitForEventsAsync(c, "aws_cloudtrail", 1, "node c");
            var resumedAfter = clock.Elapsed;
            var result = await c.Completion.WaitAsync(TimeSpan.FromSeconds(90));
            output.WriteLine($"node b killed after reading {killedAt} of 8000 events; removed (shards re-allocated, batches re-sent) " +
                $"{removedAfter.TotalSeconds:0.00} s later; the source resumed on c {resumedAfter.TotalSeconds:0.00} s after the kill " +
                $"and read {result.Statistics.EventsIn["aws_cloudtrail"]} events, {result.Statistics.Replayed.GetValueOrDefault("aws_cloudtrail")} of them again");
            await a.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await b.DisposeAsync();

            Assert.True(killedAt < 8000, "the stream ended before the node could be killed");
            Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
            Assert.True(result.Statistics.EventsIn["aws_cloudtrail"] < 8000, "the new incarnation did not resume: it read everything again");
            // It continued at the cloudtrail plugin's position of the last written batch (a log file and the records
            // taken from it), not by reading the thousands of events before it again and skipping them by number.
            Assert.True(result.Statistics.Replayed.GetValueOrDefault("aws_cloudtrail") <= 2 * 32,
                $"the new incarnation read {result.Statistics.Replayed.GetValueOrDefault("aws_cloudtrail")} accepted events again");
            Assert.Equal(expected, sinks[0].Alerts.Select(x => x.Text).Order(StringComparer.Ordinal));
            AssertNoJsonFallback();
        }
    }

    private static async Task WaitForAnyAsync(EngineRun one, EngineRun other, string source, long events)
    {
        for (var waited = 0; one.Statistics.EventsIn(source) < events && other.Statistics.EventsIn(source) < events; waited += 2)
        {
            Assert.True(waited < 60_000, $"no source node read {events} events within 60 s");
            await Task.Delay(2);
        }
    }

    /// <summary>How long after <paramref name="clock"/> started <paramref name="observer"/> saw <paramref name="gone"/> removed.</summary>
    private static async Task<TimeSpan> RemovedAsync(EngineRun observer, EngineRun gone, Stopwatch clock)
    {
        var cluster = Akka.Cluster.Cluster.Get(observer.System);
        var address = Akka.Cluster.Cluster.Get(gone.System).SelfAddress;
        while (cluster.State.Members.Any(m => m.Address.Equals(address)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the dead node was not removed within 60 s");
            await Task.Delay(10);
        }
        return clock.Elapsed;
    }

    [Fact]
    public async Task A_source_node_leaving_gracefully_hands_its_source_over()
    {
        const int count = 4000;
        var sinks = new[] { new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c") };
        var (a, b, c) = await StartThreeAsync((s, n, h) => Counter(s, n, count, dwellUs: 10_000, h), sinks, "");
        await using (a)
        await using (c)
        {
            await WaitForEventsAsync(b, "counter", 600, "node b");
            var leftAt = b.Statistics.EventsIn("counter");
            var clock = Stopwatch.StartNew();
            var resultB = await b.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await WaitForEventsAsync(c, "counter", 1, "node c");
            var resumedAfter = clock.Elapsed;
            var result = await c.Completion.WaitAsync(TimeSpan.FromSeconds(90));
            output.WriteLine($"node b left after reading {leftAt} events; the source resumed on c {resumedAfter.TotalSeconds:0.00} s later");
            await a.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(leftAt < count, "the stream ended before the node left");
            Assert.Empty(resultB.Sources);
            Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
            Assert.Equal(Enumerable.Range(1, count), Numbers(sinks[0]));
        }
    }
}
