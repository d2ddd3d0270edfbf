using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Plugins.Abstractions;

/// <summary>What one next_batch call produced.</summary>
public enum BatchStatus
{
    /// <summary>Zero or more events were appended (SS_PLUGIN_SUCCESS).</summary>
    Success,
    /// <summary>No event right now; call again later (SS_PLUGIN_TIMEOUT). Events may still have been appended.</summary>
    Timeout,
    /// <summary>The stream has ended (SS_PLUGIN_EOF). Events may still have been appended.</summary>
    Eof,
}

/// <summary>Progress of an open stream (get_progress): a percentage and the plugin's own text.</summary>
public readonly record struct PluginProgress(double Percent, string Text);

/// <summary>
/// An open event stream of a plugin state. Same ownership as its state: one owner, one call at a time.
/// Disposing closes it.
/// </summary>
public interface IPluginSession : IDisposable
{
    /// <summary>
    /// Pulls the next events and appends them to <paramref name="batch"/>, copied out of plugin memory.
    /// Throws <see cref="PluginException"/> when the plugin reports a failure (the session is then unusable).
    /// </summary>
    BatchStatus NextBatch(EventBatch batch);

    /// <summary>The stream's progress, or null when the plugin does not report one.</summary>
    PluginProgress? Progress { get; }
}
