using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Cluster;

/// <summary>
/// How this node takes part in a cluster, from <c>engine_actors.cluster</c> (falco.yaml, <c>-o</c>) overridden by
/// environment variables for containers: <c>FALCO_ACTORS_CLUSTER</c> (true/false), <c>FALCO_ACTORS_SEED_NODES</c>
/// (comma-separated; setting it turns clustering on), <c>FALCO_ACTORS_HOSTNAME</c>, <c>FALCO_ACTORS_PORT</c> and
/// <c>FALCO_ACTORS_ROLES</c> (comma-separated), <c>FALCO_ACTORS_PLACEMENT</c> (local/spread) and
/// <c>FALCO_ACTORS_SOURCE_ROLES</c> (<c>source=role</c>, comma-separated). A seed node is a full address
/// (<c>akka.tcp://falco-actors@10.0.0.1:4053</c>) or <c>host:port</c>. Not clustered, the node is a cluster of its
/// own on 127.0.0.1 with a random port; clustered without seed nodes, it listens and joins itself (the first node).
/// Remoting is always TLS with mutual authentication (<see cref="Tls"/>): a cluster's from <c>engine_actors.cluster.tls</c> or
/// <c>FALCO_ACTORS_TLS_CERTIFICATE</c>, <c>_KEY</c>, <c>_CA</c>, <c>_PASSWORD</c>, unless <c>insecure: true</c> (or
/// <c>FALCO_ACTORS_INSECURE=true</c>) says otherwise; a single node's is made in memory for the process alone.
/// </summary>
public sealed record ClusterNode(bool Clustered, string Hostname, int Port, IReadOnlyList<string> SeedNodes, IReadOnlyList<string> Roles)
{
    /// <summary>Nodes with this role run the configured sources.</summary>
    public const string SourceRole = "source";

    /// <summary>Nodes with this role host rule-evaluator shards.</summary>
    public const string EvaluatorRole = "evaluator";

    public const string ClusterVariable = "FALCO_ACTORS_CLUSTER";
    public const string SeedNodesVariable = "FALCO_ACTORS_SEED_NODES";
    public const string HostnameVariable = "FALCO_ACTORS_HOSTNAME";
    public const string PortVariable = "FALCO_ACTORS_PORT";
    public const string RolesVariable = "FALCO_ACTORS_ROLES";
    public const string PlacementVariable = "FALCO_ACTORS_PLACEMENT";
    public const string SourceRolesVariable = "FALCO_ACTORS_SOURCE_ROLES";
    public const string TlsCertificateVariable = "FALCO_ACTORS_TLS_CERTIFICATE";
    public const string TlsKeyVariable = "FALCO_ACTORS_TLS_KEY";
    public const string TlsCaVariable = "FALCO_ACTORS_TLS_CA";
    public const string TlsPasswordVariable = "FALCO_ACTORS_TLS_PASSWORD";
    public const string InsecureVariable = "FALCO_ACTORS_INSECURE";

    /// <summary>What <c>/healthz</c> and the start say of a cluster whose nodes talk in the clear.</summary>
    public const string InsecureWarning =
        "engine_actors.cluster.tls.insecure is true: cluster traffic is neither encrypted nor authenticated, any process that reaches the port can join";

    /// <summary>
    /// The node's remoting TLS; null only for a cluster that opted out (<see cref="Insecure"/>). A single node built
    /// without one gets an ephemeral one when it starts (<see cref="RemotingTls"/>).
    /// </summary>
    public NodeTls? Tls { get; init; }

    /// <summary>A cluster that runs without TLS, as <c>insecure: true</c> asked.</summary>
    public bool Insecure => Clustered && Tls is null;

    /// <summary>The TLS remoting runs with: this node's, or for a single node without one, an ephemeral one.</summary>
    public NodeTls? RemotingTls() => Tls ?? (Clustered ? null : NodeTls.CreateEphemeral());

    /// <summary>
    /// Where the rule-evaluator shards go (<see cref="EvaluatorPlacementStrategy"/>). The shard coordinator decides
    /// with its own node's setting: give every node of a cluster the same.
    /// </summary>
    public ShardPlacement Placement { get; init; } = ClusterConfig.Default.Placement;

    /// <summary>
    /// Event sources run by nodes of another role than <see cref="SourceRole"/> (<c>engine_actors.cluster.source_roles</c>):
    /// the same map on every node, so each source's singleton is among the same nodes everywhere.
    /// </summary>
    public IReadOnlyDictionary<string, string> SourceRoles { get; init; } = ClusterConfig.Default.SourceRoles;

    /// <summary>A role a source can be given (<c>engine_actors.cluster.source_roles</c>): a name, but not the evaluators'.</summary>
    public static bool IsSourceRole(string role) => role.Length > 0 && role != EvaluatorRole;

    /// <summary>The role of the nodes that run <paramref name="source"/>.</summary>
    public string RoleOf(string source) => SourceRoles.TryGetValue(source, out var role) ? role : SourceRole;

    /// <summary>This node may run <paramref name="source"/> (a node without roles, a single node, runs every source).</summary>
    public bool RunsSource(string source) => Roles.Count == 0 || Roles.Contains(RoleOf(source));

    public bool HostsEvaluators => Roles.Count == 0 || Roles.Contains(EvaluatorRole);

    /// <summary>The shard region's role: in a cluster only evaluator nodes host shards (a single node has no role).</summary>
    public string? ShardRole => Clustered ? EvaluatorRole : null;

    /// <summary>The node forms its cluster by joining itself (no seed nodes).</summary>
    public bool JoinsItself => SeedNodes.Count == 0;

    public static ClusterNode Resolve(ClusterConfig config, string systemName, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var seedText = NonEmpty(environment(SeedNodesVariable));
        var clustered = NonEmpty(environment(ClusterVariable)) is { } flag
            ? ParseBool(ClusterVariable, flag)
            : config.Enabled || seedText is not null;
        if (!clustered)
        {
            return new ClusterNode(false, "127.0.0.1", 0, [], []) { Tls = NodeTls.CreateEphemeral() };
        }
        var hostname = NonEmpty(environment(HostnameVariable)) ?? config.Hostname;
        var port = NonEmpty(environment(PortVariable)) is { } portText ? ParsePort(portText) : config.Port;
        var seeds = seedText is not null ? List(seedText) : config.SeedNodes;
        var roles = NonEmpty(environment(RolesVariable)) is { } rolesText ? List(rolesText) : config.Roles;
        var sourceRoles = NonEmpty(environment(SourceRolesVariable)) is { } sourceRolesText ? ParseSourceRoles(sourceRolesText) : config.SourceRoles;
        foreach (var role in roles.Where(r => r is not SourceRole and not EvaluatorRole && !sourceRoles.Values.Contains(r)))
        {
            throw new ArgumentException(
                $"engine_actors.cluster.roles: unknown role '{role}' (the roles are '{SourceRole}', '{EvaluatorRole}' " +
                "and those engine_actors.cluster.source_roles gives)");
        }
        // A member without roles does both; giving it both roles keeps the shard region's role the same on every node.
        IReadOnlyList<string> effectiveRoles = roles.Count == 0 ? [SourceRole, EvaluatorRole] : [.. roles.Distinct()];
        var placement = NonEmpty(environment(PlacementVariable)) is { } placementText ? ParsePlacement(placementText) : config.Placement;
        var tls = ResolveTls(config.Tls, environment);
        return new ClusterNode(true, hostname, port, [.. seeds.Select(s => SeedAddress(s, systemName, tls is not null))], effectiveRoles)
        {
            Placement = placement,
            SourceRoles = sourceRoles,
            Tls = tls,
        };
    }

    /// <summary>The cluster's TLS from the variables over <c>engine_actors.cluster.tls</c>; null when insecure is asked for.</summary>
    private static NodeTls? ResolveTls(ClusterTlsConfig config, Func<string, string?> environment)
    {
        var insecure = NonEmpty(environment(InsecureVariable)) is { } flag ? ParseBool(InsecureVariable, flag) : config.Insecure;
        var tls = new ClusterTlsConfig(
            NonEmpty(environment(TlsCertificateVariable)) ?? config.Certificate,
            NonEmpty(environment(TlsKeyVariable)) ?? config.Key,
            NonEmpty(environment(TlsCaVariable)) ?? config.Ca,
            environment(TlsPasswordVariable) is { Length: > 0 } password ? password : config.Password,
            insecure);
        if (insecure)
        {
            return null;
        }
        if (tls.Certificate.Length == 0 && tls.Ca.Length == 0)
        {
            throw new ClusterTlsException(
                "a clustered node needs TLS: set engine_actors.cluster.tls.certificate, key and ca (or " +
                $"{TlsCertificateVariable}, {TlsKeyVariable} and {TlsCaVariable}), or engine_actors.cluster.tls.insecure: true " +
                $"({InsecureVariable}=true) to run the cluster unauthenticated and unencrypted");
        }
        return NodeTls.Load(tls);
    }

    /// <summary><c>aws_cloudtrail=ingest-a,k8s_audit=ingest-b</c>.</summary>
    private static Dictionary<string, string> ParseSourceRoles(string text)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in List(text))
        {
            var equals = item.IndexOf('=');
            var (source, role) = equals > 0 ? (item[..equals].Trim(), item[(equals + 1)..].Trim()) : ("", "");
            if (source.Length == 0 || !IsSourceRole(role))
            {
                throw new ArgumentException(
                    $"{SourceRolesVariable}: expected source=role items separated by commas (a role other than '{EvaluatorRole}'), got '{item}'");
            }
            roles[source] = role;
        }
        return roles;
    }

    /// <summary>
    /// A seed node's full address: <c>host:port</c> becomes <c>akka.tcp://&lt;system&gt;@host:port</c>, or with TLS
    /// <c>akka.ssl.tcp://…</c> (an <c>akka.tcp://</c> address is taken as that node's TLS address).
    /// </summary>
    public static string SeedAddress(string seed, string systemName, bool tls = false)
    {
        const string plain = "akka.tcp://", secure = "akka.ssl.tcp://";
        seed = seed.Trim();
        var scheme = tls ? secure : plain;
        if (seed.StartsWith(plain, StringComparison.Ordinal) || seed.StartsWith(secure, StringComparison.Ordinal))
        {
            return scheme + seed[(seed.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
        }
        if (seed.StartsWith("akka://", StringComparison.Ordinal))
        {
            return seed.TrimEnd('/');
        }
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], out var port) || port is <= 0 or > 65535)
        {
            throw new ArgumentException(
                $"engine_actors.cluster.seed_nodes: '{seed}' is neither an address (akka.tcp://{systemName}@host:port) nor host:port");
        }
        return $"{scheme}{systemName}@{seed}";
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> List(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool ParseBool(string variable, string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new ArgumentException($"{variable}: expected true or false, got '{text}'"),
    };

    private static ShardPlacement ParsePlacement(string text) =>
        ShardPlacementNames.Parse(text) ?? throw new ArgumentException(
            $"{PlacementVariable}: expected {ShardPlacementNames.Local} or {ShardPlacementNames.Spread}, got '{text}'");

    private static int ParsePort(string text) =>
        int.TryParse(text, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"{PortVariable}: expected a port (0..65535), got '{text}'");
}
