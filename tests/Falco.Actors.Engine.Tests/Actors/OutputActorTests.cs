using Akka.Actor;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>The output router and its sink actors.</summary>
public sealed class OutputActorTests() : TestKit(EngineHocon.Config, "output-actor-tests")
{
    private static FormattedAlert Alert(string text) => new("r", Priority.Warning, "s", [], 1, text);

    private static AlertBatch Batch(long seq, params string[] texts) => new("s", seq, [.. texts.Select(Alert)]);

    [Fact]
    public void Batches_are_written_in_batch_order_to_every_output_and_flushed_on_drain()
    {
        var a = new RecordingSink("a");
        var b = new RecordingSink("b");
        var router = Sys.ActorOf(OutputRouter.Props([a, b], new TokenBucket(0, 0), new EngineStatistics()));

        router.Tell(Batch(3, "five"));
        router.Tell(Batch(2));
        router.Tell(Batch(1, "one", "two"));
        router.Tell(Batch(4, "six"));
        router.Tell(new DrainOutputs());

        ExpectMsg<OutputsDrained>();
        Assert.Equal(["one", "two", "five", "six"], a.Alerts.Select(x => x.Text));
        Assert.Equal(["one", "two", "five", "six"], b.Alerts.Select(x => x.Text));
        Assert.Equal(1, a.Flushes);
        Assert.Equal(1, b.Flushes);
    }

    [Fact]
    public void Reopen_comes_between_two_writes_after_the_chunk_being_written_and_before_what_follows()
    {
        var slow = new RecordingSink("slow", delay: TimeSpan.FromMilliseconds(30));
        var fast = new RecordingSink("fast");
        var router = Sys.ActorOf(OutputRouter.Props([slow, fast], new TokenBucket(0, 0), new EngineStatistics()));

        router.Tell(Batch(1, "one", "two", "three"));
        router.Tell(ReopenOutputs.Instance);
        router.Tell(Batch(2, "four"));
        router.Tell(new DrainOutputs());

        ExpectMsg<OutputsDrained>();
        Assert.Equal(["one", "two", "three", "four"], slow.Alerts.Select(x => x.Text));
        Assert.Equal([3], slow.ReopenedAfter);
        Assert.Single(fast.ReopenedAfter);
    }

    [Fact]
    public void A_failing_output_is_retried_given_up_and_counted_while_the_others_receive_everything()
    {
        var stats = new EngineStatistics();
        var good = new RecordingSink("good");
        var failing = new RetryingAlertSink(new RecordingSink("bad", fail: true),
            new SinkRetryPolicy(MaxAttempts: 2, AttemptTimeout: TimeSpan.FromSeconds(1), InitialBackoff: TimeSpan.FromMilliseconds(1), MaxBackoff: TimeSpan.FromMilliseconds(2)));
        var router = Sys.ActorOf(OutputRouter.Props([failing, good], new TokenBucket(0, 0), stats));

        router.Tell(Batch(1, "one", "two", "three"));
        router.Tell(new DrainOutputs());

        ExpectMsg<OutputsDrained>();
        Assert.Equal(["one", "two", "three"], good.Alerts.Select(x => x.Text));
        Assert.Equal(3, stats.Snapshot().Dropped["output:bad"]);
        Assert.Equal(6, failing.FailedAttempts);
        Assert.Equal(3, stats.Snapshot().Written["good"]);
    }

    [Fact]
    public void A_stuck_output_never_holds_the_others_and_its_full_queue_drops_counted()
    {
        var stats = new EngineStatistics();
        var stuck = new GateSink("stuck");
        var good = new RecordingSink("good");
        var router = Sys.ActorOf(OutputRouter.Props([stuck, good], new TokenBucket(0, 0), stats, new OutputRouterOptions(QueueCapacity: 10)));

        // The good output writes every batch while the stuck one has not finished its first alert.
        for (var seq = 1; seq <= 3; seq++)
        {
            var first = (seq - 1) * 10;
            router.Tell(Batch(seq, [.. Enumerable.Range(first, 10).Select(i => $"a{i}")]));
            AwaitCondition(() => good.Alerts.Count == first + 10, TimeSpan.FromSeconds(10));
        }
        // The stuck output holds its first 10 alerts; the 20 others were dropped and counted.
        AwaitCondition(() => stats.Snapshot().Dropped.GetValueOrDefault("outputs_queue:stuck") == 20, TimeSpan.FromSeconds(10));
        Assert.False(stuck.Released);
        Assert.False(stats.Snapshot().Dropped.ContainsKey("outputs_queue:good"));

        stuck.Release();
        router.Tell(new DrainOutputs());
        ExpectMsg<OutputsDrained>();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"a{i}"), stuck.Alerts.Select(x => x.Text));
        Assert.Equal(10, stats.Snapshot().Written["stuck"]);
        Assert.Equal(30, stats.Snapshot().Written["good"]);
    }

    [Fact]
    public void An_output_that_never_answers_gives_up_then_the_drain_discards_its_queue_counted_and_ends()
    {
        var stats = new EngineStatistics();
        var stuck = new RetryingAlertSink(new GateSink("stuck", honourCancellation: false),
            new SinkRetryPolicy(MaxAttempts: 2, AttemptTimeout: TimeSpan.FromMilliseconds(200), InitialBackoff: TimeSpan.FromMilliseconds(1), MaxBackoff: TimeSpan.FromMilliseconds(1)));
        var good = new RecordingSink("good");
        var router = Sys.ActorOf(OutputRouter.Props([stuck, good], new TokenBucket(0, 0), stats, new OutputRouterOptions(QueueCapacity: 100)));

        router.Tell(Batch(1, [.. Enumerable.Range(0, 50).Select(i => $"a{i}")]));
        router.Tell(new DrainOutputs());

        ExpectMsg<OutputsDrained>(TimeSpan.FromSeconds(30));
        Assert.Equal(50, good.Alerts.Count);
        var snapshot = stats.Snapshot();
        var gaveUp = snapshot.Dropped["output:stuck"];
        var discarded = snapshot.Dropped["output_discarded:stuck"];
        Assert.True(gaveUp >= OutputSinkActor.GiveUpsBeforeDiscard);
        Assert.Equal(50, gaveUp + discarded); // every alert accounted for: none written, none silently lost
        Assert.StartsWith("stuck output lost 50 alert(s): ", Assert.Single(OutputLoss.Describe(snapshot)));
    }

    [Fact]
    public void A_healthy_output_past_half_full_holds_the_sources_and_a_failing_one_lets_go()
    {
        var stuck = new GateSink("stuck");
        var router = Sys.ActorOf(OutputRouter.Props([stuck], new TokenBucket(0, 0), new EngineStatistics(), new OutputRouterOptions(QueueCapacity: 10)));
        Sys.EventStream.Subscribe(TestActor, typeof(OutputPressure));

        router.Tell(Batch(1, [.. Enumerable.Range(0, 8).Select(i => $"a{i}")]));
        Assert.True(ExpectMsg<OutputPressure>().Busy); // 8 of 10, and no attempt has failed: it may just be slow
        stuck.Release();
        Assert.False(ExpectMsg<OutputPressure>().Busy);

        var failing = new RetryingAlertSink(new GateSink("failing"),
            new SinkRetryPolicy(MaxAttempts: 1, AttemptTimeout: TimeSpan.FromMilliseconds(200), InitialBackoff: TimeSpan.FromMilliseconds(1), MaxBackoff: TimeSpan.FromMilliseconds(1)));
        var other = Sys.ActorOf(OutputRouter.Props([failing], new TokenBucket(0, 0), new EngineStatistics(), new OutputRouterOptions(QueueCapacity: 10)));
        other.Tell(Batch(1, [.. Enumerable.Range(0, 8).Select(i => $"b{i}")]));
        Assert.True(ExpectMsg<OutputPressure>().Busy);
        Assert.False(ExpectMsg<OutputPressure>(TimeSpan.FromSeconds(10)).Busy); // its first attempt timed out: it drops from now on
        other.Tell(Batch(2, [.. Enumerable.Range(8, 8).Select(i => $"b{i}")]));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
