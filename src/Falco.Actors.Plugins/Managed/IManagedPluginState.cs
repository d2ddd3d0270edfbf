using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Managed;

/// <summary>
/// One state of a managed plugin (what init returns). Ownership is the same as for a native state: a state belongs
/// to one owner (a source actor, an evaluator, a test), which is its only caller, one call at a time; the engine
/// guarantees it, so a state needs no locks. Different states of one plugin may run at the same time on different
/// threads, so a state must not share mutable data with other states. Disposing destroys the state.
/// </summary>
public interface IManagedPluginState : IDisposable
{
}

/// <summary>
/// Optional, on any state: its metrics (<c>plugin_get_metrics</c>), such as what it skipped and why. Called by the
/// state's owner from time to time, never per event.
/// </summary>
public interface IManagedMetricsState : IManagedPluginState
{
    IReadOnlyList<PluginMetric> GetMetrics();
}

/// <summary>A state of a source plugin: opens event streams.</summary>
public interface IManagedSourceState : IManagedPluginState
{
    /// <summary>Suggested open parameters (list_open_params).</summary>
    IReadOnlyList<OpenParam> ListOpenParams() => [];

    /// <summary>Opens an event stream; throw to refuse the parameters (the message is reported).</summary>
    IManagedEventStream Open(string parameters);

    /// <summary>A one-line text of one of this plugin's events (evt.plugininfo). The payload is borrowed for the call.</summary>
    string EventToString(in PluginEvent evt) => "";
}

/// <summary>
/// A state of an extractor plugin: <see cref="IFieldExtractor.Extract"/> reads the payload in place
/// (<c>evt.Payload.Span</c>, no copy; valid only during the call) and writes each request's values under its slot.
/// A payload the plugin does not understand is not an error: its fields are simply missing.
/// </summary>
public interface IManagedExtractorState : IManagedPluginState, IFieldExtractor
{
}

/// <summary>An open event stream (open/next_batch/close). Same ownership as its state. Disposing closes it.</summary>
public interface IManagedEventStream : IDisposable
{
    /// <summary>
    /// Appends the next events to <paramref name="events"/> and says whether more may follow
    /// (<see cref="BatchStatus.Timeout"/>: nothing now, call again; <see cref="BatchStatus.Eof"/>: the stream ended).
    /// Throw to report a failure: the session is then unusable.
    /// </summary>
    BatchStatus NextBatch(ManagedEventWriter events);

    /// <summary>The stream's progress (get_progress), or null when it reports none.</summary>
    PluginProgress? Progress => null;
}
