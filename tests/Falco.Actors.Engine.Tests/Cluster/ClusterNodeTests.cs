using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Tests.Shared;

namespace Falco.Actors.Engine.Tests.Cluster;

/// <summary>How engine_actors.cluster and the FALCO_ACTORS_* variables decide this node's part in a cluster.</summary>
public sealed class ClusterNodeTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static readonly (string, string) Insecure = (ClusterNode.InsecureVariable, "true");

    [Fact]
    public void By_default_a_node_is_a_cluster_of_its_own_on_loopback_with_every_role()
    {
        var node = ClusterNode.Resolve(ClusterConfig.Default, "falco-actors", Env());

        Assert.False(node.Clustered);
        Assert.Equal(("127.0.0.1", 0), (node.Hostname, node.Port));
        Assert.True(node.JoinsItself);
        Assert.True(node.RunsSource("aws_cloudtrail") && node.HostsEvaluators);
        Assert.Null(node.ShardRole);
    }

    [Fact]
    public void Falco_yaml_settings_make_a_cluster_member_with_full_seed_addresses()
    {
        var yaml = new ClusterConfig(true, ["10.0.0.1:4053", "akka.tcp://falco-actors@10.0.0.2:4053"], "10.0.0.3", 4053, ["evaluator"])
        {
            Tls = TestCertificates.Cluster.Config,
        };

        var node = ClusterNode.Resolve(yaml, "falco-actors", Env());

        Assert.True(node.Clustered);
        Assert.Equal(["akka.ssl.tcp://falco-actors@10.0.0.1:4053", "akka.ssl.tcp://falco-actors@10.0.0.2:4053"], node.SeedNodes);
        Assert.Equal(("10.0.0.3", 4053), (node.Hostname, node.Port));
        Assert.False(node.RunsSource("aws_cloudtrail"));
        Assert.True(node.HostsEvaluators);
        Assert.Equal("evaluator", node.ShardRole);
    }

    [Fact]
    public void Environment_variables_turn_clustering_on_and_override_the_file()
    {
        var node = ClusterNode.Resolve(ClusterConfig.Default, "falco-actors", Env(
            (ClusterNode.SeedNodesVariable, "node-1:4053, node-2:4053"),
            (ClusterNode.HostnameVariable, "node-3"),
            (ClusterNode.PortVariable, "4055"),
            (ClusterNode.RolesVariable, "source"),
            Insecure));

        Assert.True(node.Clustered);
        Assert.Equal(["akka.tcp://falco-actors@node-1:4053", "akka.tcp://falco-actors@node-2:4053"], node.SeedNodes);
        Assert.Equal(("node-3", 4055), (node.Hostname, node.Port));
        Assert.True(node.RunsSource("aws_cloudtrail"));
        Assert.False(node.HostsEvaluators);
        Assert.False(ClusterNode.Resolve(ClusterConfig.Default with { Enabled = true }, "x", Env((ClusterNode.ClusterVariable, "off"))).Clustered);
    }

    [Fact]
    public void Shard_placement_is_local_by_default_and_taken_from_the_file_then_the_environment()
    {
        var enabled = ClusterConfig.Default with { Enabled = true };
        var spread = enabled with { Placement = ShardPlacement.Spread };

        Assert.Equal(ShardPlacement.Local, ClusterNode.Resolve(enabled, "falco-actors", Env(Insecure)).Placement);
        Assert.Equal(ShardPlacement.Spread, ClusterNode.Resolve(spread, "falco-actors", Env(Insecure)).Placement);
        Assert.Equal(ShardPlacement.Local, ClusterNode.Resolve(spread, "falco-actors", Env((ClusterNode.PlacementVariable, "Local"), Insecure)).Placement);
    }

    [Fact]
    public void A_source_given_its_own_role_runs_only_on_nodes_with_that_role()
    {
        var yaml = ClusterConfig.Default with
        {
            Enabled = true,
            Roles = ["ingest-k8s", "evaluator"],
            SourceRoles = new Dictionary<string, string> { ["k8s_audit"] = "ingest-k8s" },
        };

        var node = ClusterNode.Resolve(yaml, "falco-actors", Env(Insecure));

        Assert.Equal("ingest-k8s", node.RoleOf("k8s_audit"));
        Assert.Equal(ClusterNode.SourceRole, node.RoleOf("aws_cloudtrail"));
        Assert.True(node.RunsSource("k8s_audit"));
        Assert.False(node.RunsSource("aws_cloudtrail"));
        // The variable replaces the file's map: k8s_audit is then an ordinary source, and the role unknown.
        var other = ClusterNode.Resolve(yaml with { Roles = ["source"] }, "falco-actors",
            Env((ClusterNode.SourceRolesVariable, "aws_cloudtrail=ingest-ct, okta = ingest-okta"), Insecure));
        Assert.Equal("ingest-ct", other.RoleOf("aws_cloudtrail"));
        Assert.Equal("ingest-okta", other.RoleOf("okta"));
        Assert.True(other.RunsSource("k8s_audit"));
        Assert.False(other.RunsSource("aws_cloudtrail"));
        Assert.True(ClusterNode.Resolve(ClusterConfig.Default, "falco-actors", Env(Insecure)).RunsSource("k8s_audit"), "a single node runs every source");
    }

    [Fact]
    public void A_cluster_member_without_roles_has_both()
    {
        var node = ClusterNode.Resolve(ClusterConfig.Default with { Enabled = true }, "falco-actors", Env(Insecure));

        Assert.Equal([ClusterNode.SourceRole, ClusterNode.EvaluatorRole], node.Roles);
        Assert.True(node.JoinsItself);
        Assert.Equal(("localhost", 4053), (node.Hostname, node.Port));
        Assert.Equal(ClusterNode.EvaluatorRole, node.ShardRole);
    }

    [Theory]
    [InlineData(ClusterNode.PortVariable, "http", "FALCO_ACTORS_PORT: expected a port (0..65535), got 'http'")]
    [InlineData(ClusterNode.RolesVariable, "source,evalutor", "unknown role 'evalutor' (the roles are 'source', 'evaluator' and those engine_actors.cluster.source_roles gives)")]
    [InlineData(ClusterNode.SourceRolesVariable, "aws_cloudtrail", "FALCO_ACTORS_SOURCE_ROLES: expected source=role items separated by commas (a role other than 'evaluator'), got 'aws_cloudtrail'")]
    [InlineData(ClusterNode.SourceRolesVariable, "aws_cloudtrail=evaluator", "got 'aws_cloudtrail=evaluator'")]
    [InlineData(ClusterNode.SeedNodesVariable, "node-1", "'node-1' is neither an address (akka.tcp://falco-actors@host:port) nor host:port")]
    [InlineData(ClusterNode.ClusterVariable, "maybe", "FALCO_ACTORS_CLUSTER: expected true or false, got 'maybe'")]
    [InlineData(ClusterNode.PlacementVariable, "near", "FALCO_ACTORS_PLACEMENT: expected local or spread, got 'near'")]
    public void Bad_values_are_errors_that_name_the_setting(string variable, string value, string message)
    {
        var env = Env((variable, value), (ClusterNode.ClusterVariable == variable ? "unused" : ClusterNode.ClusterVariable, "true"), Insecure);
        var error = Assert.Throws<ArgumentException>(() => ClusterNode.Resolve(ClusterConfig.Default, "falco-actors", env));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_clustered_node_without_tls_or_insecure_refuses_to_start_and_says_how_to_fix_it()
    {
        var error = Assert.Throws<ClusterTlsException>(() =>
            ClusterNode.Resolve(ClusterConfig.Default with { Enabled = true }, "falco-actors", Env()));

        Assert.Contains("a clustered node needs TLS", error.Message);
        Assert.Contains("engine_actors.cluster.tls.certificate, key and ca", error.Message);
        Assert.Contains("insecure: true", error.Message);
    }

    [Fact]
    public void Insecure_is_an_explicit_opt_out_with_plain_addresses()
    {
        var node = ClusterNode.Resolve(ClusterConfig.Default with { Enabled = true, SeedNodes = ["10.0.0.1:4053"] }, "falco-actors", Env(Insecure));

        Assert.True(node.Insecure);
        Assert.Null(node.Tls);
        Assert.Equal(["akka.tcp://falco-actors@10.0.0.1:4053"], node.SeedNodes);
    }

    [Fact]
    public void Tls_variables_override_the_file_and_a_single_node_gets_a_certificate_of_its_own()
    {
        var certificates = TestCertificates.Cluster;
        var yaml = ClusterConfig.Default with { Enabled = true, Tls = new ClusterTlsConfig("missing.pem", "missing.key", "missing-ca.pem", "", false) };

        var node = ClusterNode.Resolve(yaml, "falco-actors", Env(
            (ClusterNode.TlsCertificateVariable, certificates.Certificate),
            (ClusterNode.TlsKeyVariable, certificates.Key),
            (ClusterNode.TlsCaVariable, certificates.Ca)));
        var single = ClusterNode.Resolve(ClusterConfig.Default, "falco-actors", Env());

        Assert.False(node.Insecure);
        Assert.Equal("CN=cluster-node", node.Tls!.Certificate.Subject);
        Assert.True(single.Tls is { Ephemeral: true, Certificate.HasPrivateKey: true });
        Assert.Equal(single.Tls.Certificate.RawData, Assert.Single(single.Tls.Authorities).RawData);
    }

    [Fact]
    public void A_pkcs12_certificate_loads_with_its_password_and_a_wrong_password_is_never_shown()
    {
        var certificates = TestCertificates.Cluster;
        var pfx = new ClusterTlsConfig(certificates.Pfx, "", certificates.Ca, TestCertificates.PfxPassword, false);

        Assert.True(NodeTls.Load(pfx).Certificate.HasPrivateKey);
        var error = Assert.Throws<ClusterTlsException>(() => NodeTls.Load(pfx with { Password = "wrong-pa55word" }));
        Assert.Contains($"cannot load {certificates.Pfx}", error.Message);
        Assert.DoesNotContain("wrong-pa55word", error.ToString());
        Assert.DoesNotContain("wrong-pa55word", (pfx with { Password = "wrong-pa55word" }).ToString());
    }

    [Fact]
    public void A_certificate_not_signed_by_the_configured_ca_is_an_error_at_start()
    {
        var tls = TestCertificates.Other.Config with { Ca = TestCertificates.Cluster.Ca };

        var error = Assert.Throws<ClusterTlsException>(() => NodeTls.Load(tls));

        Assert.Contains($"{TestCertificates.Other.Certificate} is not signed by the cluster CA {TestCertificates.Cluster.Ca}", error.Message);
    }
}
