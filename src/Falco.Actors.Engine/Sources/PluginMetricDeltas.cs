using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// Turns the readings of one plugin state's metrics into what the engine's statistics take: a monotonic metric as what
/// it grew by since this state's last reading (so the counts of every session of a source add up), any other as its
/// value; each under libsinsp's name <c>&lt;plugin&gt;.&lt;metric&gt;</c>. Every metric is passed on the first time, zero or
/// not (so it is listed from the start), then only when it changed.
/// </summary>
public sealed class PluginMetricDeltas(string pluginName)
{
    private readonly Dictionary<string, (string FullName, double Value)> _last = new(StringComparer.Ordinal);

    public IReadOnlyList<PluginMetric> Changes(IReadOnlyList<PluginMetric> reading)
    {
        List<PluginMetric>? changes = null;
        foreach (var metric in reading)
        {
            var seen = _last.TryGetValue(metric.Name, out var last);
            if (seen && last.Value == metric.Value)
            {
                continue;
            }
            var fullName = seen ? last.FullName : pluginName + "." + metric.Name;
            _last[metric.Name] = (fullName, metric.Value);
            // A monotonic count that went down was reset by the plugin: all of it is new.
            var value = metric.Type == PluginMetricType.Monotonic && seen && metric.Value >= last.Value
                ? metric.Value - last.Value
                : metric.Value;
            (changes ??= []).Add(metric with { Name = fullName, Value = value });
        }
        return changes ?? (IReadOnlyList<PluginMetric>)[];
    }
}
