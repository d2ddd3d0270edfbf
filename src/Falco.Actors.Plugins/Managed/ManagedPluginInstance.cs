using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Managed;

/// <summary>One managed plugin state behind <see cref="IPluginInstance"/>. Same single-owner rule as the state.</summary>
internal sealed class ManagedPluginInstance : IPluginInstance
{
    private readonly IManagedPluginState _state;
    private bool _disposed;

    public ManagedPluginInstance(PluginInfo info, IManagedPluginState state)
    {
        Info = info;
        _state = state;
        // The state itself is the extractor: Extract reads the batch's payload in place.
        Extractor = info.Has(PluginCapabilities.Extraction) ? (IManagedExtractorState)state : null;
    }

    public PluginInfo Info { get; }

    public IFieldExtractor? Extractor { get; }

    public IReadOnlyList<OpenParam> ListOpenParams()
    {
        if (_state is not IManagedSourceState source)
        {
            return [];
        }
        try
        {
            return source.ListOpenParams() ?? [];
        }
        catch (Exception e) when (e is not PluginException)
        {
            throw Failure("list_open_params failed", e);
        }
    }

    public IPluginSession Open(string parameters)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_state is not IManagedSourceState source)
        {
            throw new PluginException($"Plugin '{Info.Name}' ({Info.Location}): has no event sourcing capability");
        }
        IManagedEventStream stream;
        try
        {
            stream = source.Open(parameters ?? "");
        }
        catch (Exception e) when (e is not PluginException)
        {
            throw Failure($"cannot open '{parameters}'", e);
        }
        return new ManagedPluginSession(Info, stream ?? throw Failure($"open '{parameters}' returned no stream", null));
    }

    public string EventToString(in PluginEvent evt)
    {
        if (_state is not IManagedSourceState source)
        {
            return "";
        }
        try
        {
            return source.EventToString(in evt) ?? "";
        }
        catch (Exception e) when (e is not PluginException)
        {
            throw Failure("event_to_string failed", e);
        }
    }

    public IReadOnlyList<PluginMetric> GetMetrics()
    {
        if (_state is not IManagedMetricsState metrics || _disposed)
        {
            return [];
        }
        try
        {
            return metrics.GetMetrics() ?? [];
        }
        catch (Exception e) when (e is not PluginException)
        {
            throw Failure("get_metrics failed", e);
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _state.Dispose();
        }
    }

    private PluginException Failure(string what, Exception? inner) =>
        new($"Plugin '{Info.Name}' ({Info.Location}): {what}{(inner is null ? "" : ": " + inner.Message)}", inner);
}
