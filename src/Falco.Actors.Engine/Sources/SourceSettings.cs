using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// How one source runs: its plugin (whose states the source actor creates) and open parameters, the batching
/// (<see cref="BatchSize"/> events or <see cref="BatchTime"/>), the credits (<see cref="BatchesInFlight"/>), the
/// partitions of its evaluators and, when set, the field whose value picks the partition, and the supervision.
/// </summary>
public sealed record SourceSettings
{
    public required LoadedPlugin Plugin { get; init; }

    /// <summary>The fields of the source (to read the partition key).</summary>
    public required SourceFields Fields { get; init; }

    public string Source => Plugin.Info.EventSource!;

    public string OpenParams { get; init; } = "";

    public int BatchSize { get; init; } = 512;

    public TimeSpan BatchTime { get; init; } = TimeSpan.FromMilliseconds(100);

    public int BatchesInFlight { get; init; } = 4;

    public int Partitions { get; init; } = 4;

    /// <summary>Empty: batches go round robin over the partitions; else the field whose value picks one.</summary>
    public string PartitionKey { get; init; } = "";

    /// <summary>How long to wait before pulling again after a plugin said TIMEOUT.</summary>
    public TimeSpan PollDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The dispatcher of the source actor (a pinned one: every plugin call from one thread).</summary>
    public string Dispatcher { get; init; } = "falco-plugin-dispatcher";

    public SupervisionOptions Supervision { get; init; } = SupervisionOptions.Default;

    /// <summary>Watches the session's plugin calls (null: nobody does).</summary>
    public Monitoring.PluginWatchdog? Watchdog { get; init; }

    /// <summary>How long a stop waits for a session stuck in a plugin call before the source is given up.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The back-off of a failing session: restarts wait from <see cref="MinBackoff"/> doubling up to
/// <see cref="MaxBackoff"/>, with <see cref="RandomFactor"/> jitter; after <see cref="MaxRetries"/> consecutive
/// failures the source is given up (reported as failed), the other sources keep running.
/// </summary>
public sealed record SupervisionOptions(TimeSpan MinBackoff, TimeSpan MaxBackoff, double RandomFactor, int MaxRetries)
{
    public static readonly SupervisionOptions Default = new(
        TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), RandomFactor: 0.2, MaxRetries: 10);
}
