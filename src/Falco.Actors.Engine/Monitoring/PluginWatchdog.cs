using System.Diagnostics;
using System.Globalization;
using Falco.Actors.Engine.Logging;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// Watches every plugin call of the engine from one thread of its own. Each owner of plugin states marks its calls in
/// a <see cref="PluginCallSlot"/> (<see cref="Register"/>); every <see cref="ScanInterval"/> the watchdog looks at each
/// slot. A call in progress for longer than <see cref="Timeout"/> is reported once (plugin, call, owner, source, time
/// so far), again each time its time doubles while it stays, and once more when it returns, with its total time; it
/// is counted in <see cref="EngineStatistics"/> (<c>falco_actors_plugin_calls_stuck_total</c>, and the calls stuck
/// now). Times are measured from when the watchdog first saw the call, so they are short by at most one scan.
/// <para>
/// <see cref="CallStuck"/> tells whoever must act on a hung plugin (a plugin host process to kill) when a call crosses
/// the limit; <see cref="InProgress"/> names what a source's owners are in (a stop that gives a source up says why).
/// </para>
/// </summary>
public sealed class PluginWatchdog : IDisposable
{
    private readonly Dictionary<PluginCallSlot, Watch> _slots = [];
    private readonly EngineStatistics _stats;
    private readonly EngineLog _log;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stopped = new();

    /// <param name="timeout">The limit (engine_actors.plugin_call_timeout_s); zero: calls are tracked, never reported.</param>
    /// <param name="log">Where the reports go (warnings; the run's log, standard error when null).</param>
    public PluginWatchdog(TimeSpan timeout, EngineStatistics stats, EngineLog? log = null)
    {
        Timeout = timeout;
        _stats = stats;
        _log = log ?? EngineLog.To(Console.Error);
        // A quarter of the limit, between 100 ms and 1 s: the report comes at most a quarter late.
        ScanInterval = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _thread = new Thread(Run) { IsBackground = true, Name = "plugin-watchdog" };
        _thread.Start();
    }

    public TimeSpan Timeout { get; }

    public TimeSpan ScanInterval { get; }

    /// <summary>A call crossed <see cref="Timeout"/> (raised on the watchdog's thread; keep it short).</summary>
    public event Action<PluginCallInProgress>? CallStuck;

    /// <summary>A slot for one owner's calls; dispose it when the owner stops.</summary>
    public PluginCallSlot Register(string owner, string source)
    {
        var slot = new PluginCallSlot(this, owner, source);
        lock (_slots)
        {
            _slots[slot] = new Watch();
        }
        return slot;
    }

    /// <summary>The calls the owners of <paramref name="source"/> are in now, longest first.</summary>
    public IReadOnlyList<PluginCallInProgress> InProgress(string source)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_slots)
        {
            return
            [
                .. _slots.Where(s => s.Key.Source == source && s.Key.Current is not null)
                    .Select(s => Describe(s.Key, s.Key.Current!, s.Value.SeenAt(s.Key, now), now))
                    .OrderByDescending(c => c.Running),
            ];
        }
    }

    internal void Forget(PluginCallSlot slot)
    {
        lock (_slots)
        {
            if (_slots.Remove(slot, out var watch) && watch.Reported)
            {
                Returned(slot, watch, Stopwatch.GetTimestamp()); // its owner stopped before the next look
            }
        }
    }

    public void Dispose()
    {
        _stopped.Set();
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private void Run()
    {
        while (!_stopped.Wait(ScanInterval))
        {
            try
            {
                Scan();
            }
            catch (Exception e)
            {
                _log.Write(Priority.Error, $"plugin watchdog: the scan failed: {e.Message}");
            }
        }
    }

    private void Scan()
    {
        var now = Stopwatch.GetTimestamp();
        List<PluginCallInProgress>? stuck = null;
        lock (_slots)
        {
            foreach (var (slot, watch) in _slots)
            {
                var site = slot.Current;
                var calls = slot.Calls;
                if (watch.Reported && (site is null || calls != watch.Calls || !ReferenceEquals(site, watch.Site)))
                {
                    Returned(slot, watch, now);
                }
                if (site is null)
                {
                    watch.Site = null;
                    continue;
                }
                if (calls != watch.Calls || !ReferenceEquals(site, watch.Site))
                {
                    (watch.Calls, watch.Site, watch.Since) = (calls, site, now);
                    continue;
                }
                var running = Stopwatch.GetElapsedTime(watch.Since, now);
                if (Timeout <= TimeSpan.Zero || running < Timeout || (watch.Reported && running < watch.NextReport))
                {
                    continue;
                }
                var call = Describe(slot, site, watch.Since, now);
                if (!watch.Reported)
                {
                    watch.Reported = true;
                    _stats.PluginCallStuck(site.Plugin, site.CallName);
                    (stuck ??= []).Add(call);
                    Report($"{call.Text} (plugin_call_timeout_s is {Seconds(Timeout)} s)");
                }
                else
                {
                    Report($"{call.Text}: still stuck");
                }
                watch.NextReport = running * 2;
            }
        }
        foreach (var call in stuck ?? [])
        {
            CallStuck?.Invoke(call);
        }
    }

    /// <summary>A call reported as stuck has returned: says so with its total time.</summary>
    private void Returned(PluginCallSlot slot, Watch watch, long now)
    {
        _stats.PluginCallStuckEnded();
        var call = Describe(slot, watch.Site!, watch.Since, now);
        Report($"{call.Who} returned from {call.Call} after {Seconds(call.Running)} s (over plugin_call_timeout_s)");
        watch.Reported = false;
    }

    private static PluginCallInProgress Describe(PluginCallSlot slot, PluginCallSite site, long since, long now) =>
        new(site.Plugin, site.CallName, slot.Owner, slot.Source, Stopwatch.GetElapsedTime(since, now));

    private void Report(string message) => _log.Write(Priority.Warning, $"plugin watchdog: {message}");

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);

    /// <summary>What the watchdog knows of one slot's current call (touched by its thread only, under the lock).</summary>
    private sealed class Watch
    {
        public long Calls = -1;
        public PluginCallSite? Site;
        public long Since;
        public bool Reported;
        public TimeSpan NextReport;

        /// <summary>When the slot's current call was first seen (now, when not seen yet).</summary>
        public long SeenAt(PluginCallSlot slot, long now) =>
            Site is not null && ReferenceEquals(Site, slot.Current) && Calls == slot.Calls ? Since : now;
    }
}

/// <summary>A plugin call in progress: which plugin, which call, who called it for which source, and for how long so far.</summary>
public sealed record PluginCallInProgress(string Plugin, string Call, string Owner, string Source, TimeSpan Running)
{
    /// <summary>"plugin 'x' (the session of source 'y')".</summary>
    public string Who => $"plugin '{Plugin}' ({Owner} of source '{Source}')";

    /// <summary>"plugin 'x' (…) has been in next_batch for 31 s".</summary>
    public string Text => $"{Who} has been in {Call} for {PluginWatchdog.Seconds(Running)} s";
}
