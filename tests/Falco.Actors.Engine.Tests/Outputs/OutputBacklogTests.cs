using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class OutputBacklogTests : TestKit
{
    private readonly List<OutputPressure> _published = [];

    private OutputBacklog Backlog(params string[] outputs) => new(outputs, highWater: 10, lowWater: 5, _published.Add);

    [Fact]
    public void Busy_above_the_high_water_mark_of_one_output_and_calm_again_under_the_low_water_mark_of_all()
    {
        var backlog = Backlog("fast", "slow");

        backlog.Sent(10);
        Assert.False(backlog.Busy);
        backlog.Sent(1);
        Assert.True(backlog.Busy);
        backlog.Written("fast", 11);
        backlog.Written("slow", 5);
        Assert.True(backlog.Busy); // slow still holds 6
        backlog.Written("slow", 1);
        Assert.False(backlog.Busy);
        Assert.Equal([new OutputPressure(true), new OutputPressure(false)], _published);
    }

    [Fact]
    public void Is_empty_once_every_output_wrote_everything_it_was_sent()
    {
        var backlog = Backlog("a", "b");
        Assert.True(backlog.IsEmpty);

        backlog.Sent(3);
        backlog.Written("a", 3);
        Assert.False(backlog.IsEmpty);
        backlog.Written("b", 3);
        Assert.True(backlog.IsEmpty);
    }

    [Fact]
    public void Confirmations_wait_while_busy_the_latest_per_source_and_go_out_when_calm()
    {
        var backlog = Backlog("out");
        var guardian = CreateTestProbe();

        backlog.Confirm(guardian, new SourceAlertsWritten("s", 1, 1));
        guardian.ExpectMsg(new SourceAlertsWritten("s", 1, 1));

        backlog.Sent(11);
        backlog.Confirm(guardian, new SourceAlertsWritten("s", 1, 2));
        backlog.Confirm(guardian, new SourceAlertsWritten("s", 1, 3));
        guardian.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        backlog.Written("out", 11);
        guardian.ExpectMsg(new SourceAlertsWritten("s", 1, 3));
        guardian.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
