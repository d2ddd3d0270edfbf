using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Actors;

public sealed class StatisticsTests
{
    [Fact]
    public void Counters_add_up_from_many_threads()
    {
        var stats = new EngineStatistics();
        Parallel.For(0, 1000, i =>
        {
            stats.AddEventsIn("aws_cloudtrail", 2);
            stats.AddAlert("Console Login \"Without\" MFA", Priority.Warning);
            stats.BatchSent("aws_cloudtrail");
            stats.BatchDone("aws_cloudtrail");
        });
        stats.AddDropped("outputs.rate", 3);

        var snapshot = stats.Snapshot();

        Assert.Equal(2000, snapshot.EventsIn["aws_cloudtrail"]);
        Assert.Equal(0, snapshot.BatchesInFlight["aws_cloudtrail"]);
        Assert.InRange(snapshot.MaxBatchesInFlight["aws_cloudtrail"], 1, 1000);
        Assert.Equal(1000, snapshot.AlertsOf("Console Login \"Without\" MFA"));
        Assert.Equal(3, snapshot.Dropped["outputs.rate"]);
    }
}
