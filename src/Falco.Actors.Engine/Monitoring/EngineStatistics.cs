using System.Collections.Concurrent;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// The engine's counters, updated by the actors and read at any time by the CLI or a /metrics endpoint: events in
/// per source, alerts out per rule and priority, batches in flight (now and at most), session restarts, evaluation
/// errors, everything dropped (by reason) and the plugins' own metrics (get_metrics: what a plugin skipped, say).
/// Thread-safe; updates are a dictionary lookup and an interlocked add (a plugin metric, added at most once a second
/// per source, a lock).
/// </summary>
public sealed class EngineStatistics
{
    private readonly ConcurrentDictionary<string, PluginMetricCell> _pluginMetrics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _eventsIn = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _eventsEvaluated = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Rule, Priority Priority), Counter> _alerts = new();
    private readonly ConcurrentDictionary<string, Counter> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _maxInFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _restarts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _replayed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _dropped = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _written = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _stuckCalls = new(StringComparer.Ordinal);
    private long _evaluationErrors;
    private long _batches;
    private long _stuckNow;
    private long _rulesReloads;
    private long _rulesReloadFailures;

    /// <summary>Events a source actor pulled and accepted into the pipeline.</summary>
    public void AddEventsIn(string source, long count) => Add(_eventsIn, source, count);

    /// <summary>Events evaluated by the rule evaluators.</summary>
    public void AddEvaluated(string source, long count) => Add(_eventsEvaluated, source, count);

    public void AddAlert(string rule, Priority priority) =>
        _alerts.GetOrAdd((rule, priority), static _ => new Counter()).Add(1);

    public void AddEvaluationError() => Interlocked.Increment(ref _evaluationErrors);

    /// <summary>A batch left a source; tracks the current and the highest number in flight.</summary>
    public void BatchSent(string source)
    {
        Interlocked.Increment(ref _batches);
        var now = _inFlight.GetOrAdd(source, static _ => new Counter()).Add(1);
        _maxInFlight.GetOrAdd(source, static _ => new Counter()).Max(now);
    }

    public void BatchDone(string source) => Add(_inFlight, source, -1);

    public void AddRestart(string source) => Add(_restarts, source, 1);

    /// <summary>
    /// Events a new session read again and skipped because an earlier one had accepted them: what a restart or a
    /// fail-over cost beyond the plugin's own resume (<see cref="Falco.Actors.Plugins.Abstractions.IResumableSession"/>).
    /// </summary>
    public void AddReplayed(string source, long count) => Add(_replayed, source, count);

    /// <summary>
    /// A plugin metric read by its state's owner, named <c>&lt;plugin&gt;.&lt;metric&gt;</c> as libsinsp names it: a
    /// <see cref="PluginMetricType.Monotonic"/> one adds <paramref name="value"/> (what it grew by since the owner's last
    /// reading, so counts of every session of a source add up), a non-monotonic one is set to it.
    /// </summary>
    public void AddPluginMetric(string name, PluginMetricType type, double value)
    {
        var cell = _pluginMetrics.GetOrAdd(name, static (_, t) => new PluginMetricCell(t), type);
        lock (cell)
        {
            cell.Value = type == PluginMetricType.Monotonic ? cell.Value + value : value;
        }
    }

    /// <summary>Something was dropped (an alert over the rate limit, an alert an output gave up on); never silent.</summary>
    public void AddDropped(string reason, long count = 1) => Add(_dropped, reason, count);

    /// <summary>Alerts an output delivered.</summary>
    public void AddWritten(string output, long count) => Add(_written, output, count);

    /// <summary>A plugin call crossed engine_actors.plugin_call_timeout_s (<see cref="PluginWatchdog"/>).</summary>
    public void PluginCallStuck(string plugin, string call)
    {
        Add(_stuckCalls, plugin + "/" + call, 1);
        Interlocked.Increment(ref _stuckNow);
    }

    /// <summary>A call counted by <see cref="PluginCallStuck"/> returned (or its owner was given up).</summary>
    public void PluginCallStuckEnded() => Interlocked.Decrement(ref _stuckNow);

    /// <summary>A hot reload of the rules ended on this node: put in force, or failed (the previous rules stay).</summary>
    public void AddRulesReload(bool succeeded) => Interlocked.Increment(ref succeeded ? ref _rulesReloads : ref _rulesReloadFailures);

    public long EventsIn(string source) => Get(_eventsIn, source);

    public long InFlight(string source) => Get(_inFlight, source);

    /// <summary>A consistent-enough copy of every counter (each counter is read once).</summary>
    public EngineStatisticsSnapshot Snapshot() => new(
        Copy(_eventsIn),
        Copy(_eventsEvaluated),
        _alerts.ToDictionary(kv => new RuleAlertKey(kv.Key.Rule, kv.Key.Priority), kv => kv.Value.Value),
        Copy(_inFlight),
        Copy(_maxInFlight),
        Copy(_restarts),
        Copy(_replayed),
        Copy(_dropped),
        Copy(_written),
        Interlocked.Read(ref _evaluationErrors),
        Interlocked.Read(ref _batches))
    {
        PluginMetrics = _pluginMetrics.ToDictionary(kv => kv.Key, kv => kv.Value.Read(), StringComparer.Ordinal),
        StuckPluginCalls = Copy(_stuckCalls),
        PluginCallsStuckNow = Interlocked.Read(ref _stuckNow),
        RulesReloads = Interlocked.Read(ref _rulesReloads),
        RulesReloadFailures = Interlocked.Read(ref _rulesReloadFailures),
    };

    private static void Add(ConcurrentDictionary<string, Counter> map, string key, long count) =>
        map.GetOrAdd(key, static _ => new Counter()).Add(count);

    private static long Get(ConcurrentDictionary<string, Counter> map, string key) =>
        map.TryGetValue(key, out var c) ? c.Value : 0;

    private static IReadOnlyDictionary<string, long> Copy(ConcurrentDictionary<string, Counter> map) =>
        map.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);

    private sealed class PluginMetricCell(PluginMetricType type)
    {
        public double Value;

        public PluginMetricValue Read()
        {
            lock (this)
            {
                return new PluginMetricValue(type, Value);
            }
        }
    }

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public long Add(long n) => Interlocked.Add(ref _value, n);

        public void Max(long candidate)
        {
            var seen = Interlocked.Read(ref _value);
            while (candidate > seen)
            {
                var was = Interlocked.CompareExchange(ref _value, candidate, seen);
                if (was == seen)
                {
                    return;
                }
                seen = was;
            }
        }
    }
}

/// <summary>A plugin metric's kind and value (<see cref="EngineStatistics.AddPluginMetric"/>).</summary>
public readonly record struct PluginMetricValue(PluginMetricType Type, double Value);

/// <summary>A rule and the priority it alerted with.</summary>
public readonly record struct RuleAlertKey(string Rule, Priority Priority);

/// <summary>A copy of <see cref="EngineStatistics"/> at one moment.</summary>
public sealed record EngineStatisticsSnapshot(
    IReadOnlyDictionary<string, long> EventsIn,
    IReadOnlyDictionary<string, long> EventsEvaluated,
    IReadOnlyDictionary<RuleAlertKey, long> Alerts,
    IReadOnlyDictionary<string, long> BatchesInFlight,
    IReadOnlyDictionary<string, long> MaxBatchesInFlight,
    IReadOnlyDictionary<string, long> Restarts,
    IReadOnlyDictionary<string, long> Replayed,
    IReadOnlyDictionary<string, long> Dropped,
    IReadOnlyDictionary<string, long> Written,
    long EvaluationErrors,
    long Batches)
{
    /// <summary>Plugin calls that crossed the watchdog's limit, by "plugin/call" (e.g. <c>faulty/next_batch</c>).</summary>
    public IReadOnlyDictionary<string, long> StuckPluginCalls { get; init; } = new Dictionary<string, long>();

    /// <summary>Plugin calls over the watchdog's limit right now.</summary>
    public long PluginCallsStuckNow { get; init; }

    /// <summary>Hot reloads of the rules put in force on this node.</summary>
    public long RulesReloads { get; init; }

    /// <summary>Hot reloads that failed on this node (the previous rules stayed).</summary>
    public long RulesReloadFailures { get; init; }

    public long TotalEventsIn => EventsIn.Values.Sum();

    public long TotalAlerts => Alerts.Values.Sum();

    public long TotalDropped => Dropped.Values.Sum();

    /// <summary>Alerts of one rule, whatever their priority.</summary>
    public long AlertsOf(string rule) => Alerts.Where(kv => kv.Key.Rule == rule).Sum(kv => kv.Value);

    /// <summary>Plugin metrics by <c>&lt;plugin&gt;.&lt;metric&gt;</c> name (what the plugins' get_metrics gave).</summary>
    public IReadOnlyDictionary<string, PluginMetricValue> PluginMetrics { get; init; } = new Dictionary<string, PluginMetricValue>();
}
