using Akka.Actor;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.Tests.Actors;

namespace Falco.Actors.Engine.Tests.Outputs;

/// <summary>
/// The output router as the cluster's singleton, on a one-node cluster: it answers from what its predecessor
/// published, and a hand-over writes, flushes and publishes before it stops. The publish interval never ends within a
/// test, so whatever is published here was published at once.
/// </summary>
public sealed class ClusteredOutputRouterTests : TestKit
{
    public ClusteredOutputRouterTests() : base(OneNodeCluster.Hocon("10m"), "clustered-router-tests") => OneNodeCluster.Join(this);

    private static OutputRouterOptions Clustered => OutputRouterOptions.Default with { Positions = WrittenPositionsPublisher.Props() };

    private static SourceAlerts Batch(long epoch, long seq, params string[] texts) =>
        new("s", epoch, seq, seq, (ulong)seq * 100, [.. texts.Select(t => Alerts.Text(t))]);

    [Fact]
    public void Answers_where_to_resume_from_what_its_predecessor_published_once_it_has_read_it()
    {
        var at = new StreamPosition(300, "file-c:10");
        OneNodeCluster.Publish(this, "s", new SourceWrites(10, 3, 300, at, Finished: false));
        var router = Sys.ActorOf(OutputRouter.Props([new RecordingSink()], new TokenBucket(0, 0), new EngineStatistics(), Clustered));

        router.Tell(new ResumeRequest("s", 20)); // before the positions are read: it waits

        Assert.Equal(new ResumePoint("s", 20, 300, false, at), ExpectMsg<ResumePoint>());
    }

    [Fact]
    public async Task A_hand_over_writes_and_flushes_what_is_queued_publishes_what_was_written_then_stops()
    {
        var sink = new RecordingSink(delay: TimeSpan.FromMilliseconds(20));
        var router = Sys.ActorOf(OutputRouter.Props([sink], new TokenBucket(0, 0), new EngineStatistics(), Clustered));
        router.Tell(new ResumeRequest("s", 10));
        ExpectMsg<ResumePoint>();
        router.Tell(Batch(10, 1, "a", "b", "c"));
        router.Tell(Batch(10, 2, "d", "e", "f"));
        ExpectMsg<SourceAlertsWritten>();
        ExpectMsg<SourceAlertsWritten>();
        Watch(router);

        router.Tell(HandOverOutputs.Instance);
        router.Tell(new ResumeRequest("s", 20)); // for the successor to answer

        ExpectTerminated(router);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], sink.Alerts.Select(a => a.Text));
        // One flush per batch (a position is published only once its alerts left every buffer), one for the hand-over.
        Assert.Equal(3, sink.Flushes);
        Assert.Equal(new SourceWrites(10, 2, 200, null, false), await OneNodeCluster.ReadLocalAsync(this, "s"));
    }
}
