using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class AlertRateLimitTests
{
    [Fact]
    public void Alerts_without_a_token_are_dropped_and_counted()
    {
        var clock = new ManualTimeProvider();
        var stats = new EngineStatistics();
        var limit = new AlertRateLimit(new TokenBucket(rate: 1, maxBurst: 2, clock), stats);

        var admitted = limit.Admit([Alerts.Text("a"), Alerts.Text("b"), Alerts.Text("c")]);
        clock.Advance(TimeSpan.FromSeconds(1));
        var later = limit.Admit([Alerts.Text("d"), Alerts.Text("e")]);

        Assert.Equal(["a", "b"], admitted.Select(a => a.Text));
        Assert.Equal(["d"], later.Select(a => a.Text));
        Assert.Equal(2, stats.Snapshot().Dropped["outputs.rate"]);
    }

    [Fact]
    public void Without_a_rate_every_alert_passes_as_it_is()
    {
        var alerts = new[] { Alerts.Text("a") };
        Assert.Same(alerts, new AlertRateLimit(new TokenBucket(0, 0), new EngineStatistics()).Admit(alerts));
    }
}
