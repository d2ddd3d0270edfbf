using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Sources;

/// <summary>A clustered guardian's side of passing alerts on to the output router (a probe here), in batch order.</summary>
public sealed class AlertForwarderTests() : TestKit(EngineHocon.Config, "alert-forwarder-tests")
{
    private static IReadOnlyList<FormattedAlert> One(string text) => [new FormattedAlert("r", Priority.Warning, "s", [], 1, text)];

    [Fact]
    public void Alerts_go_to_the_router_in_batch_order_with_their_coverage_and_epoch()
    {
        var router = CreateTestProbe();
        var forwarder = new AlertForwarder("s", router) { Epoch = 7 };

        Assert.True(forwarder.Arrived(2, 200, null, One("b2"), TestActor));
        router.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // waits for batch 1
        Assert.Equal(1, forwarder.Held);

        var at = new StreamPosition(100, "file-a:100");
        Assert.True(forwarder.Arrived(1, 100, at, One("b1"), TestActor));
        var first = router.ExpectMsg<SourceAlerts>();
        Assert.Equal(("s", 7L, 1L, 1L, 100UL, at, "b1"),
            (first.Source, first.Epoch, first.Seq, first.LowestUnwritten, first.SafeThrough, first.At, first.Alerts[0].Text));
        var second = router.ExpectMsg<SourceAlerts>();
        Assert.Equal((2L, 1L, 200UL, "b2"), (second.Seq, second.LowestUnwritten, second.SafeThrough, second.Alerts[0].Text));
        Assert.Equal(TestActor, router.LastSender);
        Assert.Equal(2, forwarder.Held);
    }

    [Fact]
    public void A_batch_that_came_before_is_dropped()
    {
        var router = CreateTestProbe();
        var forwarder = new AlertForwarder("s", router) { Epoch = 7 };
        Assert.True(forwarder.Arrived(1, 100, null, One("b1"), TestActor));
        Assert.True(forwarder.Arrived(3, 300, null, One("b3"), TestActor));
        router.ExpectMsg<SourceAlerts>();

        Assert.False(forwarder.Arrived(1, 100, null, One("b1 again"), TestActor)); // already sent
        Assert.False(forwarder.Arrived(3, 300, null, One("b3 again"), TestActor)); // already waiting
        router.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, forwarder.Held);
    }

    [Fact]
    public void What_the_router_confirmed_is_forgotten_and_the_rest_is_sent_again_when_old_enough()
    {
        var router = CreateTestProbe();
        var forwarder = new AlertForwarder("s", router) { Epoch = 7 };
        for (var seq = 1L; seq <= 3; seq++)
        {
            forwarder.Arrived(seq, (ulong)seq * 100, null, One($"b{seq}"), TestActor);
            router.ExpectMsg<SourceAlerts>();
        }

        forwarder.Written(1);
        Assert.Equal(2, forwarder.Held);
        forwarder.Resend(TimeSpan.FromMinutes(1), TestActor);
        router.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // not old enough

        forwarder.Resend(TimeSpan.Zero, TestActor); // e.g. a member was removed: the router may have moved
        var again = new[] { router.ExpectMsg<SourceAlerts>(), router.ExpectMsg<SourceAlerts>() };
        // A new router starts at the lowest batch still unwritten, never an older one that is written.
        Assert.Equal([(2L, 2L), (3L, 2L)], again.Select(a => (a.Seq, a.LowestUnwritten)));

        forwarder.Written(3);
        Assert.Equal(0, forwarder.Held);
        forwarder.Resend(TimeSpan.Zero, TestActor);
        router.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
