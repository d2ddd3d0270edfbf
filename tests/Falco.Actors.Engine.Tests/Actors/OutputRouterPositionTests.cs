using Akka.Actor;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>
/// The output router as the authority on what each source has written (what it does as the cluster's singleton; here
/// on one node, without publishing): batch order within an epoch, batches of a replaced incarnation dropped, the
/// resume point a new incarnation gets.
/// </summary>
public sealed class OutputRouterPositionTests() : TestKit(EngineHocon.Config, "output-router-position-tests")
{
    /// <summary>Batch <paramref name="seq"/>, sent when every earlier batch was confirmed, unless <paramref name="lowest"/> says otherwise.</summary>
    private static SourceAlerts Alerts(long epoch, long seq, ulong safeThrough, string text, long? lowest = null) =>
        new("s", epoch, seq, lowest ?? seq, safeThrough, [new FormattedAlert("r", Priority.Warning, "s", [], 1, text)]);

    [Fact]
    public void A_new_incarnation_resumes_after_the_last_written_event_and_the_old_ones_batches_are_dropped()
    {
        var sink = new RecordingSink();
        var router = Sys.ActorOf(OutputRouter.Props([sink], new TokenBucket(0, 0), new EngineStatistics()));

        router.Tell(new ResumeRequest("s", 10));
        Assert.Equal(new ResumePoint("s", 10, 0, false), ExpectMsg<ResumePoint>());
        router.Tell(Alerts(10, 1, 100, "1-100"));
        Assert.Equal(1, ExpectMsg<SourceAlertsWritten>().Seq);
        router.Tell(Alerts(10, 3, 300, "201-300", lowest: 2)); // batch 2 was lost on the way: nothing written, no confirmation
        router.Tell(Alerts(10, 2, 200, "101-200"));
        Assert.Equal(2, ExpectMsg<SourceAlertsWritten>().Seq);
        router.Tell(Alerts(10, 3, 300, "201-300")); // sent again
        Assert.Equal(3, ExpectMsg<SourceAlertsWritten>().Seq);
        router.Tell(Alerts(10, 2, 200, "101-200", lowest: 2)); // a duplicate: confirmed, not written
        Assert.Equal(3, ExpectMsg<SourceAlertsWritten>().Seq);

        // The source's node dies; its successor asks where to resume, then the dead one's last batch arrives late.
        router.Tell(new ResumeRequest("s", 20));
        Assert.Equal(new ResumePoint("s", 20, 300, false), ExpectMsg<ResumePoint>());
        router.Tell(Alerts(10, 4, 400, "301-400 from the dead incarnation"));
        router.Tell(Alerts(20, 1, 350, "301-350"));
        Assert.Equal(new SourceAlertsWritten("s", 20, 1), ExpectMsg<SourceAlertsWritten>());

        // A guardian whose clock is behind gets the current epoch back, to take a later one.
        router.Tell(new ResumeRequest("s", 15));
        Assert.Equal(new ResumePoint("s", 20, 350, false), ExpectMsg<ResumePoint>());

        // A router that took over from one whose last publication it did not see: the guardian's lowest unconfirmed
        // batch says what was confirmed written (batches 2 and 3 of epoch 20), so it does not wait for them.
        router.Tell(Alerts(20, 4, 380, "371-380", lowest: 4));
        Assert.Equal(new SourceAlertsWritten("s", 20, 4), ExpectMsg<SourceAlertsWritten>());

        router.Tell(new SourceCompleted("s", 20));
        Assert.Equal(new ResumePoint("s", 20, 380, true), ExpectMsg<ResumePoint>());
        router.Tell(new ResumeRequest("s", 30));
        Assert.True(ExpectMsg<ResumePoint>().Finished);
        router.Tell(new DrainOutputs());
        ExpectMsg<OutputsDrained>();
        Assert.Equal(["1-100", "101-200", "201-300", "301-350", "371-380"], sink.Alerts.Select(a => a.Text));
    }

    [Fact]
    public void A_new_incarnation_gets_the_plugins_position_of_the_last_written_batch_that_had_one()
    {
        var router = Sys.ActorOf(OutputRouter.Props([new RecordingSink()], new TokenBucket(0, 0), new EngineStatistics()));
        router.Tell(new ResumeRequest("s", 10));
        Assert.Null(ExpectMsg<ResumePoint>().At);

        router.Tell(Alerts(10, 1, 100, "1-100") with { At = new StreamPosition(100, "file-a:100") });
        ExpectMsg<SourceAlertsWritten>();
        // A batch whose alerts wait for an earlier one does not move the position.
        router.Tell(Alerts(10, 3, 300, "201-300", lowest: 2) with { At = new StreamPosition(300, "file-c:10") });
        router.Tell(new ResumeRequest("s", 20));
        Assert.Equal(new ResumePoint("s", 20, 100, false, new StreamPosition(100, "file-a:100")), ExpectMsg<ResumePoint>());

        // A batch without a position (the plugin could not say) keeps the older one: what follows it is skipped by number.
        router.Tell(Alerts(20, 1, 200, "101-200"));
        ExpectMsg<SourceAlertsWritten>();
        router.Tell(new ResumeRequest("s", 30));
        Assert.Equal(new ResumePoint("s", 30, 200, false, new StreamPosition(100, "file-a:100")), ExpectMsg<ResumePoint>());
        router.Tell(Alerts(30, 1, 250, "201-250") with { At = new StreamPosition(250, "file-b:50") });
        ExpectMsg<SourceAlertsWritten>();
        router.Tell(new ResumeRequest("s", 40));
        Assert.Equal(new ResumePoint("s", 40, 250, false, new StreamPosition(250, "file-b:50")), ExpectMsg<ResumePoint>());
    }
}
