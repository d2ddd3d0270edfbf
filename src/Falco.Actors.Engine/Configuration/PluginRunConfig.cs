namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// <c>engine_actors.plugins.&lt;plugin name&gt;</c>: how the engine runs one plugin of <c>plugins:</c>.
/// </summary>
/// <param name="Isolation"><c>isolation</c>: where the plugin's source sessions run.</param>
/// <param name="CallTimeoutS">
/// <c>call_timeout_s</c>: with process isolation, the longest one call may take before the host process is killed and
/// the call fails (the session then restarts with back-off); 0 waits for ever.
/// </param>
/// <param name="Location">Where the plugin's entry is written (for errors found once the plugins are loaded).</param>
public sealed record PluginRunConfig(PluginIsolation Isolation, double CallTimeoutS, ConfigLocation Location)
{
    public const double DefaultCallTimeoutS = 30;
}

/// <summary><c>engine_actors.plugins.&lt;name&gt;.isolation</c>.</summary>
public enum PluginIsolation
{
    /// <summary><c>none</c> (the default): in the engine's process, as Falco does.</summary>
    None,

    /// <summary>
    /// <c>process</c>: a native source plugin's sessions (init, open, next_batch, close, destroy) run in a child
    /// process, <c>falco-actors --plugin-host</c>, so a crash or hang fails the session instead of the engine.
    /// </summary>
    Process,
}
