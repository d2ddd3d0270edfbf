using Akka.Actor;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>A source's guardian and session driven by a probe standing in for the evaluators.</summary>
public sealed class SourceGuardianTests : TestKit, IDisposable
{
    private readonly EngineScenario _scenario = new();
    private readonly EngineStatistics _stats = new();

    public SourceGuardianTests() : base(EngineHocon.Config, "source-guardian-tests")
    {
    }

    void IDisposable.Dispose()
    {
        _scenario.Dispose();
        Dispose();
    }

    private SourceSettings Counter(int count, int batch, int batchSize, int inFlight, int partitions)
    {
        var setup = _scenario.Setup(EngineScenario.Counter(count, batch), EngineScenario.EveryEvent("Counted", "counter", "n=%counter.n"),
            EngineScenario.Actors(batchSize, batchTimeMs: 20, inFlight, partitions));
        return Assert.Single(EngineNode.SourceSettings(setup));
    }

    private static void Done(EvaluateBatch batch) =>
        batch.ReplyTo.Tell(new BatchDone(batch.Source, batch.Seq, batch.Batch.Count, 0, 0));

    [Fact]
    public void A_source_sends_no_more_batches_than_its_credits_and_reuses_their_buffers()
    {
        var evaluators = CreateTestProbe();
        var outputs = CreateTestProbe();
        ChildActorOf(SourceGuardian.Props(Counter(200, batch: 10, batchSize: 10, inFlight: 2, partitions: 2), evaluators, outputs, _stats));

        var first = evaluators.ExpectMsg<EvaluateBatch>();
        var second = evaluators.ExpectMsg<EvaluateBatch>();
        evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // no credit left

        Assert.Equal(("counter/0", 1L, 1UL), (first.EntityId, first.Seq, first.Batch[0].Num));
        Assert.Equal(("counter/1", 2L, 11UL), (second.EntityId, second.Seq, second.Batch[0].Num));
        Assert.Equal(10, first.Batch.Count);
        Assert.Equal(outputs.Ref, first.Outputs);

        var batches = new HashSet<EventBatch>(ReferenceEqualityComparer.Instance) { first.Batch, second.Batch };
        var events = new List<ulong>();
        var pending = new Queue<EvaluateBatch>([first, second]);
        while (pending.Count > 0)
        {
            var batch = pending.Dequeue();
            for (var i = 0; i < batch.Batch.Count; i++)
            {
                events.Add(batch.Batch[i].Num);
            }
            Assert.True(_stats.InFlight("counter") <= 2);
            Done(batch);
            if (events.Count + pending.Count * 10 < 200)
            {
                var next = evaluators.ExpectMsg<EvaluateBatch>();
                batches.Add(next.Batch);
                pending.Enqueue(next);
            }
        }

        var finished = ExpectMsg<SourceFinished>();
        Assert.Equal(SourceOutcome.Eof, finished.Outcome);
        Assert.Equal(200UL, finished.EventsAccepted);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (ulong)i), events);
        Assert.Equal(2, batches.Count); // two credits, two buffers, whatever the input size
    }

    [Fact]
    public void Credits_are_held_while_the_outputs_are_busy()
    {
        var evaluators = CreateTestProbe();
        ChildActorOf(SourceGuardian.Props(Counter(100, batch: 5, batchSize: 5, inFlight: 1, partitions: 1), evaluators, CreateTestProbe(), _stats));
        var first = evaluators.ExpectMsg<EvaluateBatch>();
        // Both go from this thread to the guardian's mailbox, in this order.
        Sys.EventStream.Publish(new OutputPressure(Busy: true));
        Done(first);
        evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Sys.EventStream.Publish(new OutputPressure(Busy: false));

        Assert.Equal(2, evaluators.ExpectMsg<EvaluateBatch>().Seq);
    }

    [Fact]
    public void A_stop_hands_over_what_was_pulled_and_finishes_as_stopped()
    {
        var evaluators = CreateTestProbe();
        var guardian = ChildActorOf(SourceGuardian.Props(Counter(1_000_000, batch: 10, batchSize: 10, inFlight: 1, partitions: 1), evaluators, CreateTestProbe(), _stats));
        var first = evaluators.ExpectMsg<EvaluateBatch>();

        guardian.Tell(new StopSource());
        Done(first);

        var accepted = 10UL;
        while (true)
        {
            var msg = ReceiveOne(TimeSpan.FromSeconds(5));
            if (msg is SourceFinished finished)
            {
                Assert.Equal(SourceOutcome.Stopped, finished.Outcome);
                Assert.Equal(accepted, finished.EventsAccepted);
                break;
            }
        }
        // Whatever was still in the session's hands was handed over before it closed; nothing more is pulled.
        while (evaluators.HasMessages)
        {
            var batch = evaluators.ExpectMsg<EvaluateBatch>();
            accepted += (ulong)batch.Batch.Count;
        }
        Assert.True(accepted < 1_000_000);
    }
}
