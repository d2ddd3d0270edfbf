using Falco.Actors.Plugins.Abstractions;
using static Falco.Actors.Plugins.Tests.Native.TestPlugins;

namespace Falco.Actors.Plugins.Tests.Native;

/// <summary>
/// plugin_get_metrics through the host: the faulty plugin's metrics as built for API 3.6+ (enums from 0) and for 3.5.0
/// (enums from 1) read the same; a plugin of an older API exports none.
/// </summary>
public sealed class PluginMetricsTests
{
    [Theory]
    [InlineData("faulty")]
    [InlineData("faulty35")]
    public void Metrics_are_read_per_state_with_their_types_in_both_enum_generations(string library)
    {
        using var instance = Load(library).CreateInstance("""{"count":25,"batch":10}""");
        Assert.Equal(
            [new PluginMetric("next_batch_calls", PluginMetricType.Monotonic, 0), new PluginMetric("batch_size", PluginMetricType.NonMonotonic, 10)],
            instance.GetMetrics());

        using (var session = instance.Open(""))
        {
            ReadAll(session);
        }

        // 3 calls give events 1-10, 11-20 and 21-25 (the last with EOF).
        Assert.Equal(
            [new PluginMetric("next_batch_calls", PluginMetricType.Monotonic, 3), new PluginMetric("batch_size", PluginMetricType.NonMonotonic, 10)],
            instance.GetMetrics());
        using var other = Load(library).CreateInstance("""{"batch":4}""");
        Assert.Equal(0, other.GetMetrics()[0].Value);
    }

    [Fact]
    public void A_plugin_without_get_metrics_has_none()
    {
        using var instance = Load("counter").CreateInstance("");
        Assert.Empty(instance.GetMetrics());
    }
}
