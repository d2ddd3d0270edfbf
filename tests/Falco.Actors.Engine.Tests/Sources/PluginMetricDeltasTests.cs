using Falco.Actors.Engine.Sources;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Engine.Tests.Sources;

public sealed class PluginMetricDeltasTests
{
    private static PluginMetric Count(string name, double value) => new(name, PluginMetricType.Monotonic, value);

    private static PluginMetric Gauge(string name, double value) => new(name, PluginMetricType.NonMonotonic, value);

    [Fact]
    public void Counts_are_passed_on_as_what_they_grew_by_and_gauges_as_they_are_under_the_plugins_name()
    {
        var deltas = new PluginMetricDeltas("ct");

        Assert.Equal([Count("ct.skipped", 0), Gauge("ct.queue", 5)], deltas.Changes([Count("skipped", 0), Gauge("queue", 5)]));
        Assert.Empty(deltas.Changes([Count("skipped", 0), Gauge("queue", 5)]));
        Assert.Equal([Count("ct.skipped", 3), Gauge("ct.queue", 2)], deltas.Changes([Count("skipped", 3), Gauge("queue", 2)]));
        Assert.Equal([Count("ct.skipped", 4)], deltas.Changes([Count("skipped", 7), Gauge("queue", 2)]));
        // A count that went down was reset by the plugin: all of it is new.
        Assert.Equal([Count("ct.skipped", 1)], deltas.Changes([Count("skipped", 1)]));
    }
}
