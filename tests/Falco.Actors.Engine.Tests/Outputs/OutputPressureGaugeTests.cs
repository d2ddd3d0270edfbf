using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class OutputPressureGaugeTests : TestKit
{
    private readonly List<OutputPressure> _published = [];

    [Fact]
    public void Busy_while_one_output_holds_and_calm_again_when_none_does()
    {
        var gauge = new OutputPressureGauge(_published.Add);

        gauge.Update(new OutputHolding("slow", true));
        gauge.Update(new OutputHolding("stdout", true));
        gauge.Update(new OutputHolding("slow", false));
        Assert.True(gauge.Busy); // stdout still holds
        gauge.Update(new OutputHolding("stdout", false));

        Assert.False(gauge.Busy);
        Assert.Equal([new OutputPressure(true), new OutputPressure(false)], _published);
    }

    [Fact]
    public void Confirmations_wait_while_busy_the_latest_per_source_and_go_out_when_calm()
    {
        var gauge = new OutputPressureGauge(_published.Add);
        var guardian = CreateTestProbe();

        gauge.Confirm(guardian, new SourceAlertsWritten("s", 1, 1));
        guardian.ExpectMsg(new SourceAlertsWritten("s", 1, 1));

        gauge.Update(new OutputHolding("out", true));
        gauge.Confirm(guardian, new SourceAlertsWritten("s", 1, 2));
        gauge.Confirm(guardian, new SourceAlertsWritten("s", 1, 3));
        guardian.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        gauge.Update(new OutputHolding("out", false));
        guardian.ExpectMsg(new SourceAlertsWritten("s", 1, 3));
        guardian.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
