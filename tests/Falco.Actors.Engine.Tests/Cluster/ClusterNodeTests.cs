using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Tests.Cluster;

/// <summary>How engine_actors.cluster and the FALCO_ACTORS_* variables decide this node's part in a cluster.</summary>
public sealed class ClusterNodeTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

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
        var yaml = new ClusterConfig(true, ["10.0.0.1:4053", "akka.tcp://falco-actors@10.0.0.2:4053"], "10.0.0.3", 4053, ["evaluator"]);

        var node = ClusterNode.Resolve(yaml, "falco-actors", Env());

        Assert.True(node.Clustered);
        Assert.Equal(["akka.tcp://falco-actors@10.0.0.1:4053", "akka.tcp://falco-actors@10.0.0.2:4053"], node.SeedNodes);
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
            (ClusterNode.RolesVariable, "source")));

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

        Assert.Equal(ShardPlacement.Local, ClusterNode.Resolve(enabled, "falco-actors", Env()).Placement);
        Assert.Equal(ShardPlacement.Spread, ClusterNode.Resolve(spread, "falco-actors", Env()).Placement);
        Assert.Equal(ShardPlacement.Local, ClusterNode.Resolve(spread, "falco-actors", Env((ClusterNode.PlacementVariable, "Local"))).Placement);
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

        var node = ClusterNode.Resolve(yaml, "falco-actors", Env());

        Assert.Equal("ingest-k8s", node.RoleOf("k8s_audit"));
        Assert.Equal(ClusterNode.SourceRole, node.RoleOf("aws_cloudtrail"));
        Assert.True(node.RunsSource("k8s_audit"));
        Assert.False(node.RunsSource("aws_cloudtrail"));
        // The variable replaces the file's map: k8s_audit is then an ordinary source, and the role unknown.
        var other = ClusterNode.Resolve(yaml with { Roles = ["source"] }, "falco-actors",
            Env((ClusterNode.SourceRolesVariable, "aws_cloudtrail=ingest-ct, okta = ingest-okta")));
        Assert.Equal("ingest-ct", other.RoleOf("aws_cloudtrail"));
        Assert.Equal("ingest-okta", other.RoleOf("okta"));
        Assert.True(other.RunsSource("k8s_audit"));
        Assert.False(other.RunsSource("aws_cloudtrail"));
        Assert.True(ClusterNode.Resolve(ClusterConfig.Default, "falco-actors", Env()).RunsSource("k8s_audit"), "a single node runs every source");
    }

    [Fact]
    public void A_cluster_member_without_roles_has_both()
    {
        var node = ClusterNode.Resolve(ClusterConfig.Default with { Enabled = true }, "falco-actors", Env());

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
        var env = Env((variable, value), (ClusterNode.ClusterVariable == variable ? "unused" : ClusterNode.ClusterVariable, "true"));
        var error = Assert.Throws<ArgumentException>(() => ClusterNode.Resolve(ClusterConfig.Default, "falco-actors", env));
        Assert.Contains(message, error.Message);
    }
}
