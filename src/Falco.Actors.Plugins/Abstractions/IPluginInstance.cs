using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Abstractions;

/// <summary>
/// One plugin state. It belongs to exactly one owner, which is its only caller, one call at a time (native plugin
/// states are not thread-safe). Disposing destroys the state.
/// </summary>
public interface IPluginInstance : IDisposable
{
    PluginInfo Info { get; }

    /// <summary>Suggested open parameters (sourcing; empty when the plugin lists none).</summary>
    IReadOnlyList<OpenParam> ListOpenParams();

    /// <summary>Opens an event stream (sourcing). Throws <see cref="PluginException"/> when open fails.</summary>
    IPluginSession Open(string parameters);

    /// <summary>The extractor over this state (extraction), or null when the plugin cannot extract.</summary>
    IFieldExtractor? Extractor { get; }

    /// <summary>A one-line text of an event of this plugin (sourcing; <c>evt.plugininfo</c>).</summary>
    string EventToString(in PluginEvent evt);

    /// <summary>
    /// The state's metrics now (<c>plugin_get_metrics</c>): counts since the state was created and current values;
    /// empty when the plugin reports none. Cheap, but not meant per event: owners read it from time to time.
    /// </summary>
    IReadOnlyList<PluginMetric> GetMetrics() => [];
}

/// <summary>One suggested open parameter (list_open_params).</summary>
public sealed record OpenParam(string Value, string Description, string Separator);
