using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Sources;

/// <summary>
/// A clustered source's guardian through its phases (asking where to resume, running, completing), with probes for
/// the output router, the evaluators and the node's coordinator; no cluster needed for that conversation.
/// </summary>
public sealed class ClusterSourceGuardianTests : TestKit, IDisposable
{
    private readonly CounterSource _counter = new();
    private readonly EngineStatistics _stats = new();
    private readonly TestProbe _router;
    private readonly TestProbe _evaluators;
    private readonly TestProbe _coordinator;

    public ClusterSourceGuardianTests() : base(EngineHocon.Config, "cluster-source-guardian-tests")
    {
        _router = CreateTestProbe();
        _evaluators = CreateTestProbe();
        _coordinator = CreateTestProbe();
    }

    void IDisposable.Dispose()
    {
        _counter.Dispose();
        Dispose();
    }

    private IActorRef Guardian(int count, int batchSize, int inFlight, int partitions) =>
        Sys.ActorOf(SourceGuardian.ClusterProps(_counter.Settings(count, batchSize, inFlight, partitions),
            _evaluators, _router, _stats, _coordinator));

    /// <summary>What an evaluator does: the batch's alerts to its outputs (here the guardian), then the confirmation.</summary>
    private void Evaluate(EvaluateBatch batch)
    {
        var alert = new FormattedAlert("Counted", Priority.Warning, "counter", [], 1, $"batch {batch.Seq}");
        batch.Outputs.Tell(new AlertBatch(batch.Source, batch.Seq, [alert]), _evaluators);
        batch.ReplyTo.Tell(new BatchDone(batch.Source, batch.Seq, batch.Batch.Count, 1, 0), _evaluators);
    }

    /// <summary>Answers the first request to resume (from the stream's start) and waits for the first batch.</summary>
    private (long Epoch, EvaluateBatch First) Resume(IActorRef guardian)
    {
        var ask = _router.ExpectMsg<ResumeRequest>();
        guardian.Tell(new ResumePoint("counter", ask.Epoch, 0, Finished: false), _router);
        var first = _evaluators.ExpectMsg<EvaluateBatch>();
        TakeRepeatedAsks();
        return (ask.Epoch, first);
    }

    /// <summary>
    /// Takes the requests the guardian repeated before the answer reached it (a slow machine): they were sent before
    /// its first batch, so none is left to come once that batch is here.
    /// </summary>
    private void TakeRepeatedAsks()
    {
        while (_router.HasMessages)
        {
            _router.ExpectMsg<ResumeRequest>();
        }
    }

    [Fact]
    public void It_asks_where_to_resume_each_second_and_opens_its_session_only_once_answered()
    {
        var guardian = Guardian(100, batchSize: 10, inFlight: 1, partitions: 1);
        var ask = _router.ExpectMsg<ResumeRequest>();
        Assert.Equal("counter", ask.Source);
        _evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(ask, _router.ExpectMsg<ResumeRequest>(TimeSpan.FromSeconds(3))); // asked again: the router may be moving

        guardian.Tell(new ResumePoint("counter", ask.Epoch, 30, Finished: false), _router);
        var first = _evaluators.ExpectMsg<EvaluateBatch>();
        // Events whose alerts were written are not evaluated again; the alerts come back to the guardian.
        Assert.Equal((1L, 31UL, guardian), (first.Seq, first.Batch[0].Num, first.Outputs));
        TakeRepeatedAsks();
        _router.ExpectNoMsg(TimeSpan.FromMilliseconds(1500)); // answered: asks no more
    }

    [Fact]
    public void A_router_that_knows_a_later_epoch_makes_it_take_the_next_one()
    {
        var guardian = Guardian(100, batchSize: 10, inFlight: 1, partitions: 1);
        var ask = _router.ExpectMsg<ResumeRequest>();

        guardian.Tell(new ResumePoint("counter", ask.Epoch + 1000, 0, Finished: false), _router);
        var next = _router.FishForMessage<ResumeRequest>(r => r.Epoch != ask.Epoch); // after any repeat of the first
        Assert.Equal(ask.Epoch + 1001, next.Epoch);
        guardian.Tell(new ResumePoint("counter", ask.Epoch, 0, Finished: false), _router); // for the epoch given up
        _evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        guardian.Tell(new ResumePoint("counter", next.Epoch, 0, Finished: false), _router);
        Assert.Equal(1UL, _evaluators.ExpectMsg<EvaluateBatch>().Batch[0].Num);
    }

    [Fact]
    public void A_source_the_router_knows_as_finished_is_not_run_again()
    {
        var guardian = Guardian(100, batchSize: 10, inFlight: 1, partitions: 1);
        Watch(guardian);
        var ask = _router.ExpectMsg<ResumeRequest>();

        guardian.Tell(new ResumePoint("counter", ask.Epoch, 100, Finished: true), _router);

        ExpectTerminated(guardian);
        _evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // the incarnation that ran it reported
    }

    [Fact]
    public void Alerts_reach_the_router_in_batch_order_and_the_source_completes_once_the_router_has_them_all()
    {
        var guardian = Guardian(20, batchSize: 10, inFlight: 2, partitions: 2);
        var (epoch, first) = Resume(guardian);
        var second = _evaluators.ExpectMsg<EvaluateBatch>();

        Evaluate(second); // its alerts wait for the first batch's
        _router.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Evaluate(first);
        var sent = new[] { _router.ExpectMsg<SourceAlerts>(), _router.ExpectMsg<SourceAlerts>() };
        Assert.Equal([(epoch, 1L, 10UL, "batch 1"), (epoch, 2L, 20UL, "batch 2")],
            sent.Select(a => (a.Epoch, a.Seq, a.SafeThrough, a.Alerts[0].Text)));

        // The session has ended, but the router has not confirmed the alerts (one confirmation is of another epoch).
        guardian.Tell(new SourceAlertsWritten("counter", epoch - 1, 2), _router);
        _router.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        guardian.Tell(new SourceAlertsWritten("counter", epoch, 2), _router);

        var completed = _router.ExpectMsg<SourceCompleted>();
        Assert.Equal(new SourceCompleted("counter", epoch), completed);
        Assert.Equal(completed, _router.ExpectMsg<SourceCompleted>(TimeSpan.FromSeconds(3))); // until the router confirms
        _coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        guardian.Tell(new ResumePoint("counter", epoch, 20, Finished: true), _router);
        var finished = _coordinator.ExpectMsg<SourceFinished>();
        Assert.Equal((SourceOutcome.Eof, 20UL), (finished.Outcome, finished.EventsAccepted));
        Assert.Equal(2, _stats.Snapshot().AlertsOf("Counted")); // counted on the source's node, once per batch
    }

    [Fact]
    public void Credits_are_held_while_the_router_is_behind()
    {
        var guardian = Guardian(1000, batchSize: 10, inFlight: 1, partitions: 1);
        var (epoch, first) = Resume(guardian);

        Evaluate(first);
        Evaluate(_evaluators.ExpectMsg<EvaluateBatch>());
        _router.ExpectMsg<SourceAlerts>();
        _router.ExpectMsg<SourceAlerts>();
        // Two batches' alerts (2 × batches_in_flight) wait for the router: the session waits too.
        _evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        guardian.Tell(new SourceAlertsWritten("counter", epoch, 1), _router);
        Assert.Equal(3, _evaluators.ExpectMsg<EvaluateBatch>().Seq);
    }
}
