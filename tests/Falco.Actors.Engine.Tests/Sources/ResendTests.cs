using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Tests.Sources;

/// <summary>A source's guardian sends again what was not confirmed within <c>falco.delivery.resend-after</c> (300 ms here).</summary>
public sealed class ResendTests : TestKit, IDisposable
{
    private readonly CounterSource _counter = new();
    private readonly EngineStatistics _stats = new();

    public ResendTests()
        : base(ConfigurationFactory.ParseString("falco.delivery.resend-after = 300ms").WithFallback(EngineHocon.Config), "resend-tests")
    {
    }

    void IDisposable.Dispose()
    {
        _counter.Dispose();
        Dispose();
    }

    private static void Done(EvaluateBatch batch) =>
        batch.ReplyTo.Tell(new BatchDone(batch.Source, batch.Seq, batch.Batch.Count, 0, 0));

    [Fact]
    public void A_batch_not_confirmed_is_sent_again_unchanged_and_its_second_confirmation_gives_no_credit()
    {
        var evaluators = CreateTestProbe();
        ChildActorOf(SourceGuardian.Props(_counter.Settings(100, batchSize: 10, inFlight: 1, partitions: 1), evaluators, CreateTestProbe(), _stats));

        var first = evaluators.ExpectMsg<EvaluateBatch>();
        Assert.Same(first, evaluators.ExpectMsg<EvaluateBatch>(TimeSpan.FromSeconds(3))); // same number, same events
        Done(first);
        Done(first); // the re-sent copy was evaluated too

        Assert.Equal(2, evaluators.ExpectMsg<EvaluateBatch>().Seq);
        // One credit, one batch: re-sends of batch 2 may come, batch 3 may not.
        var more = evaluators.ReceiveWhile(TimeSpan.FromMilliseconds(500), m => (EvaluateBatch)m);
        Assert.All(more, b => Assert.Equal(2, b.Seq));
    }

    [Fact]
    public void In_a_cluster_alerts_the_router_did_not_confirm_are_sent_to_it_again()
    {
        var (router, evaluators) = (CreateTestProbe(), CreateTestProbe());
        var guardian = Sys.ActorOf(SourceGuardian.ClusterProps(_counter.Settings(100, batchSize: 10, inFlight: 1, partitions: 1),
            evaluators, router, _stats, CreateTestProbe()));
        var ask = router.ExpectMsg<ResumeRequest>();
        guardian.Tell(new ResumePoint("counter", ask.Epoch, 0, Finished: false), router);

        var batch = evaluators.ExpectMsg<EvaluateBatch>();
        batch.Outputs.Tell(new AlertBatch(batch.Source, batch.Seq, []), evaluators);
        Done(batch);

        var sent = router.FishForMessage<SourceAlerts>(_ => true); // after any repeated request to resume
        var again = router.ExpectMsg<SourceAlerts>(TimeSpan.FromSeconds(3));
        Assert.Equal((ask.Epoch, 1L, 10UL), (again.Epoch, again.Seq, again.SafeThrough));
        Assert.Same(sent.Alerts, again.Alerts);
    }
}
