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
    public void Outputs_falling_behind_publish_pressure_and_release_it_when_caught_up()
    {
        var slow = new RecordingSink("slow", delay: TimeSpan.FromMilliseconds(5));
        var router = Sys.ActorOf(OutputRouter.Props([slow], new TokenBucket(0, 0), new EngineStatistics(), new OutputRouterOptions(HighWater: 10, LowWater: 5)));
        Sys.EventStream.Subscribe(TestActor, typeof(OutputPressure));

        router.Tell(Batch(1, [.. Enumerable.Range(0, 20).Select(i => $"a{i}")]));

        Assert.True(ExpectMsg<OutputPressure>().Busy);
        Assert.False(ExpectMsg<OutputPressure>(TimeSpan.FromSeconds(5)).Busy);
        Assert.Equal(20, slow.Alerts.Count);
    }
}
