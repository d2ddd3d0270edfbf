using Falco.Actors.Engine.Pipeline;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Actors;

public sealed class StatisticsTests
{
    [Fact]
    public void Counters_add_up_from_many_threads_and_print_as_prometheus_text()
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
        var text = MetricsText.Format(snapshot);

        Assert.Equal(2000, snapshot.EventsIn["aws_cloudtrail"]);
        Assert.Equal(0, snapshot.BatchesInFlight["aws_cloudtrail"]);
        Assert.InRange(snapshot.MaxBatchesInFlight["aws_cloudtrail"], 1, 1000);
        Assert.Contains("falco_actors_events_in_total{source=\"aws_cloudtrail\"} 2000\n", text);
        Assert.Contains("falco_actors_alerts_total{rule=\"Console Login \\\"Without\\\" MFA\",priority=\"Warning\"} 1000\n", text);
        Assert.Contains("falco_actors_dropped_total{reason=\"outputs.rate\"} 3\n", text);
        Assert.Contains("# TYPE falco_actors_batches_in_flight gauge\n", text);
    }
}
