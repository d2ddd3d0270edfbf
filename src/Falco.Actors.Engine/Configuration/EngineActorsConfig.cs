namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Our own settings, under the <c>engine_actors:</c> key of falco.yaml (Falco ignores it).
/// </summary>
/// <param name="BatchSize">Most events a source actor puts in one batch.</param>
/// <param name="BatchTimeMs">Longest a partial batch waits before it is sent.</param>
/// <param name="BatchesInFlight">Credits: batches a source may have sent and not yet seen evaluated.</param>
/// <param name="Partitions">Rule-evaluator entities per source (default: one per core, at least 2).</param>
/// <param name="PartitionKey">Empty: batches go round robin; else the field (<c>ct.user.accountid</c>) whose value picks the partition.</param>
/// <param name="PluginDispatcher">The Akka dispatcher (hocon) that runs actors calling into plugins.</param>
public sealed record EngineActorsConfig(
    int BatchSize,
    int BatchTimeMs,
    int BatchesInFlight,
    int Partitions,
    string PartitionKey,
    string PluginDispatcher,
    ClusterConfig Cluster)
{
    public static readonly EngineActorsConfig Default = new(
        BatchSize: 512,
        BatchTimeMs: 100,
        BatchesInFlight: 4,
        // One evaluator per core: more entities than cores only add context switches and cache misses (a 2-core
        // machine spends ~15% more evaluator CPU per event with 4 than with 2).
        Partitions: Math.Max(2, Environment.ProcessorCount),
        PartitionKey: "",
        PluginDispatcher: "falco-plugin-dispatcher",
        Cluster: ClusterConfig.Default);

    /// <summary><c>stats_interval_s</c>: seconds between two statistics lines on stderr; 0 (the default) turns them off.</summary>
    public int StatsIntervalS { get; init; }

    /// <summary>
    /// <c>state_dir</c>: on a single node, the folder where each source's last written position is kept (resolved
    /// against falco.yaml's folder), so a restarted run continues where the alerts stopped; empty (the default): off.
    /// </summary>
    public string StateDir { get; init; } = "";

    /// <summary>
    /// <c>plugin_call_timeout_s</c>: a plugin call (init, open, next_batch, extract, close, destroy…) running longer
    /// is reported as stuck (<see cref="Monitoring.PluginWatchdog"/>); zero turns the reports off. Code that must act
    /// on a hung plugin (a plugin-host process to kill) takes this limit.
    /// </summary>
    public TimeSpan PluginCallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>shutdown_grace_s</c>: how long a stop (or the end of a run) waits for a source whose plugin is stuck in a
    /// call before it is given up, so a hung plugin never keeps the process from exiting.
    /// </summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>plugins</c>: plugin name → how the engine runs it (<see cref="PluginRunConfig"/>); a plugin not named runs in process.</summary>
    public IReadOnlyDictionary<string, PluginRunConfig> Plugins { get; init; } = new Dictionary<string, PluginRunConfig>(StringComparer.Ordinal);
}

/// <summary><c>engine_actors.cluster</c>: how this node joins an Akka.NET cluster (off by default: one process).</summary>
public sealed record ClusterConfig(bool Enabled, IReadOnlyList<string> SeedNodes, string Hostname, int Port, IReadOnlyList<string> Roles)
{
    public static readonly ClusterConfig Default = new(false, [], "localhost", 4053, []);

    /// <summary><c>placement</c>: where a source's rule-evaluator shards go (<see cref="ShardPlacement"/>).</summary>
    public ShardPlacement Placement { get; init; } = ShardPlacement.Local;

    /// <summary>
    /// <c>source_roles</c>: event source → the node role that runs it (instead of <c>source</c>), so different sources
    /// run on different nodes. Every node of a cluster must be given the same map.
    /// </summary>
    public IReadOnlyDictionary<string, string> SourceRoles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>tls</c>: the node's certificate and the cluster CA (mutual TLS between nodes).</summary>
    public ClusterTlsConfig Tls { get; init; } = ClusterTlsConfig.Default;
}

/// <summary>
/// <c>engine_actors.cluster.tls</c>: mutual TLS between the nodes. <c>certificate</c> and <c>key</c> are PEM files (the
/// key encrypted when <c>password</c> is set), or <c>certificate</c> is a PKCS#12 file and <c>password</c> its password;
/// <c>ca</c> is the PEM of the CA that signed every node's certificate. <c>insecure: true</c> runs the cluster in the
/// clear (a warning at start and in /healthz). Paths are resolved against falco.yaml's folder.
/// </summary>
public sealed record ClusterTlsConfig(string Certificate, string Key, string Ca, string Password, bool Insecure)
{
    public static readonly ClusterTlsConfig Default = new("", "", "", "", false);

    /// <summary>The password is a secret: records print their members, this one never shows it.</summary>
    public override string ToString() =>
        $"ClusterTlsConfig {{ Certificate = {Certificate}, Key = {Key}, Ca = {Ca}, Password = {(Password.Length > 0 ? "***" : "")}, Insecure = {Insecure} }}";
}
