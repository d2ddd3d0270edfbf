namespace Falco.Actors.Plugins.Abstractions;

/// <summary>Whether a metric only grows (a count since the state was created) or goes up and down (a current value).</summary>
public enum PluginMetricType
{
    Monotonic,
    NonMonotonic,
}

/// <summary>
/// One metric of a plugin state (plugin API 3.5+ <c>plugin_get_metrics</c>, <c>ss_plugin_metric</c>), as the plugin
/// names it: libsinsp, and this host, show it as <c>&lt;plugin name&gt;.&lt;name&gt;</c>. Every value type of the API
/// (u32, s32, u64, s64, double, float, int) is read as a double.
/// </summary>
public readonly record struct PluginMetric(string Name, PluginMetricType Type, double Value);
