namespace Falco.Actors.Engine.Monitoring;

/// <summary>The plugin API calls the engine makes, as the watchdog names them.</summary>
public enum PluginCall
{
    Init,
    Open,
    NextBatch,
    Resume,
    Position,
    Extract,
    Close,
    Destroy,
}

/// <summary>One plugin call of one plugin, made by the owner of a <see cref="PluginCallSlot"/>: made once, never per call.</summary>
public sealed record PluginCallSite(string Plugin, PluginCall Call)
{
    /// <summary>The call as the plugin API spells it.</summary>
    public string CallName { get; } = Call switch
    {
        PluginCall.NextBatch => "next_batch",
        PluginCall.Resume => "resume_after",
        PluginCall.Position => "position_after",
        PluginCall.Extract => "extract_fields",
        _ => Call.ToString().ToLowerInvariant(),
    };

    /// <summary>One site per call of <paramref name="plugin"/>, indexed by <see cref="PluginCall"/>.</summary>
    public static PluginCallSite[] AllOf(string plugin) =>
        [.. Enum.GetValues<PluginCall>().Select(call => new PluginCallSite(plugin, call))];
}

/// <summary>
/// Where one owner of plugin states (a source session, an evaluator) marks the plugin call it is in, so the
/// <see cref="PluginWatchdog"/>'s thread can see a call that does not return. An owner makes one call at a time, so
/// one slot is enough. Entering is a counter increment and a reference write, leaving one reference write: no
/// clock read, no allocation, no lock, so it may wrap every extraction. The watchdog measures the time itself, by
/// when it first saw a call (a call is known by its number).
/// </summary>
public sealed class PluginCallSlot : IDisposable
{
    private readonly PluginWatchdog? _watchdog;
    private PluginCallSite? _site;
    private long _calls;

    internal PluginCallSlot(PluginWatchdog? watchdog, string owner, string source)
    {
        _watchdog = watchdog;
        Owner = owner;
        Source = source;
    }

    /// <summary>A slot no watchdog looks at (tests, embedders without one).</summary>
    public static PluginCallSlot Unwatched(string owner, string source) => new(null, owner, source);

    /// <summary>Who calls: the session of a source, an evaluator entity.</summary>
    public string Owner { get; }

    public string Source { get; }

    /// <summary>The call in progress, or null.</summary>
    public PluginCallSite? Current => Volatile.Read(ref _site);

    /// <summary>Calls entered so far: a call in progress is known by this number.</summary>
    internal long Calls => Volatile.Read(ref _calls);

    public void Enter(PluginCallSite site)
    {
        // The number first: the watchdog reads the site, then the number, and never pairs a new site with an old number.
        Volatile.Write(ref _calls, _calls + 1);
        Volatile.Write(ref _site, site);
    }

    public void Exit() => Volatile.Write(ref _site, null);

    /// <summary>The owner stopped: the watchdog forgets the slot (a slot whose owner is stuck is never disposed).</summary>
    public void Dispose() => _watchdog?.Forget(this);
}
