namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Binds our own <c>engine_actors:</c> section (and its <c>cluster:</c> sub-map) over <c>d</c>, its defaults
/// (<see cref="EngineActorsConfig.Default"/>).
/// </summary>
internal static class EngineActorsBinder
{
    public static EngineActorsConfig Bind(ConfigMap root, string key, EngineActorsConfig d, string baseDirectory)
    {
        var map = root.Map(key);
        if (map is null)
        {
            return d;
        }
        return new EngineActorsConfig(
            BatchSize: map.Int("batch_size", d.BatchSize, 1, 1_000_000),
            BatchTimeMs: map.Int("batch_time_ms", d.BatchTimeMs, 0, 3_600_000),
            BatchesInFlight: map.Int("batches_in_flight", d.BatchesInFlight, 1, 10_000),
            Partitions: map.Int("partitions", d.Partitions, 1, 100_000),
            PartitionKey: map.String("partition_key", d.PartitionKey).Trim(),
            PluginDispatcher: NonEmpty(map, "plugin_dispatcher", d.PluginDispatcher),
            Cluster: BindCluster(map, d.Cluster, baseDirectory))
        {
            StatsIntervalS = map.Int("stats_interval_s", d.StatsIntervalS, 0, 86_400),
            StateDir = ConfigPath.Resolve(map.String("state_dir", d.StateDir).Trim(), baseDirectory).Resolved,
            PluginCallTimeout = TimeSpan.FromSeconds(map.Int("plugin_call_timeout_s", (int)d.PluginCallTimeout.TotalSeconds, 0, 86_400)),
            ShutdownGrace = TimeSpan.FromSeconds(map.Int("shutdown_grace_s", (int)d.ShutdownGrace.TotalSeconds, 0, 3_600)),
            Plugins = PluginRunBinder.Bind(map, d.Plugins),
        };
    }

    private static ClusterConfig BindCluster(ConfigMap engine, ClusterConfig d, string baseDirectory)
    {
        var map = engine.Map("cluster");
        if (map is null)
        {
            return d;
        }
        return new ClusterConfig(
            Enabled: map.Bool("enabled", d.Enabled),
            SeedNodes: map.StringList("seed_nodes") ?? d.SeedNodes,
            Hostname: NonEmpty(map, "hostname", d.Hostname),
            Port: map.Int("port", d.Port, 0, 65535),
            Roles: map.StringList("roles") ?? d.Roles)
        {
            Placement = Placement(map, d.Placement),
            SourceRoles = SourceRoles(map) ?? d.SourceRoles,
            Tls = map.Map("tls") is { } tls ? BindTls(tls, d.Tls, baseDirectory) : d.Tls,
        };
    }

    private static ClusterTlsConfig BindTls(ConfigMap map, ClusterTlsConfig d, string baseDirectory)
    {
        string Path(string key, string fallback) => ConfigPath.Resolve(map.String(key, fallback).Trim(), baseDirectory).Resolved;
        return new ClusterTlsConfig(Path("certificate", d.Certificate), Path("key", d.Key), Path("ca", d.Ca),
            map.String("password", d.Password), map.Bool("insecure", d.Insecure));
    }

    private static Dictionary<string, string>? SourceRoles(ConfigMap cluster)
    {
        if (cluster.Map("source_roles") is not { } map)
        {
            return null;
        }
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, _) in map.Keys)
        {
            var role = map.String(source, "").Trim();
            roles[source] = !Cluster.ClusterNode.IsSourceRole(role)
                ? throw map.Error(source, $"the role that runs source '{source}' must be a role name other than '{Cluster.ClusterNode.EvaluatorRole}', got '{role}'")
                : role;
        }
        return roles;
    }

    private static ShardPlacement Placement(ConfigMap cluster, ShardPlacement fallback)
    {
        var text = cluster.String("placement", ShardPlacementNames.Name(fallback));
        return ShardPlacementNames.Parse(text) ?? throw cluster.Error("placement",
            $"Unknown placement \"{text}\"--must be one of {ShardPlacementNames.Local}, {ShardPlacementNames.Spread}");
    }

    private static string NonEmpty(ConfigMap map, string key, string fallback)
    {
        var value = map.String(key, fallback);
        return value.Length > 0 ? value : throw map.Error(key, $"'{key}' must not be empty");
    }
}
