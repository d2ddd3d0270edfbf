using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Logging;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// The engine's Akka.Hosting wiring as one chain of builder steps: HOCON, the wire serializer, logging, remoting and
/// clustering, the rule-evaluator shard region, the output router, the coordinator and the sources. The actors others
/// reach are registered in the <see cref="ActorRegistry"/>: the region under <see cref="RuleEvaluatorRegion"/>, the
/// router (in a cluster its proxy) under <see cref="OutputRouter"/>, the coordinator under <see cref="EngineCoordinator"/>.
/// <see cref="FalcoEngine"/> starts a host with <see cref="WithFalcoEngine"/>, and tests start the same chain.
/// </summary>
public static class FalcoEngineHosting
{
    /// <summary>The output router's singleton manager (<c>/user/outputs</c>); the singleton is <c>/user/outputs/router</c>.</summary>
    public const string OutputsName = "outputs";

    public static AkkaConfigurationBuilder WithFalcoEngine(this AkkaConfigurationBuilder akka, EngineWiring engine) => akka
        .WithEngineHocon(engine.Node)
        .AddFalcoWireSerializer()
        .WithEngineLogging(engine.Log)
        .WithNodeRemoting(engine.Node)
        .WithClustering(new ClusterOptions { SeedNodes = [.. engine.Node.SeedNodes], Roles = [.. engine.Node.Roles] })
        .WithRuleEvaluators(engine.Node, engine.Rules, engine.Actors.PluginDispatcher)
        .WithOutputRouter(engine.Node, engine.OutputRouterProps())
        .WithEngineCoordinator(engine)
        .WithSources(engine.Node, engine.Sources, engine.Statistics)
        .WithHoconOverrides(engine.Setup.Hocon)
        .WithSelfJoin(engine.Node);

    /// <summary><c>hocon/akka.conf</c> (embedded), and <c>hocon/cluster.conf</c> over it when the node is clustered.</summary>
    public static AkkaConfigurationBuilder WithEngineHocon(this AkkaConfigurationBuilder akka, ClusterNode node)
    {
        akka.AddHocon(EngineHocon.Text, HoconAddMode.Prepend);
        return node.Clustered ? akka.AddHocon(EngineHocon.ClusterText, HoconAddMode.Prepend) : akka;
    }

    /// <summary>
    /// Remoting on the node's host and port, with mutual TLS unless the cluster is insecure: each side presents its
    /// certificate and accepts the other's only if it chains to the node's authorities (the cluster CA, or a single
    /// node's own ephemeral certificate). Host names are not checked: nodes are known by their CA, not their names.
    /// </summary>
    public static AkkaConfigurationBuilder WithNodeRemoting(this AkkaConfigurationBuilder akka, ClusterNode node)
    {
        var options = new RemoteOptions { HostName = node.Hostname, Port = node.Port };
        if (node.RemotingTls() is { } tls)
        {
            options.EnableSsl = true;
            options.Ssl = new SslOptions
            {
                X509Certificate = tls.Certificate,
                RequireMutualAuthentication = true,
                ValidateCertificateHostname = false,
                SuppressValidation = false,
                CustomValidator = new PeerCertificateValidator(tls).Callback,
            };
        }
        return akka.WithRemoting(options);
    }

    /// <summary>Akka logs through the run's <see cref="EngineLog"/> only (standard output carries alerts), at its <c>log_level</c>.</summary>
    public static AkkaConfigurationBuilder WithEngineLogging(this AkkaConfigurationBuilder akka, EngineLog log) =>
        akka.AddSetup(new EngineLogSetup(log)).ConfigureLoggers(loggers =>
        {
            loggers.LogLevel = StderrLogger.AkkaLevel(log.Level);
            loggers.ClearLoggers();
            loggers.AddLogger<StderrLogger>();
        });

    /// <summary>
    /// The <c>rule-evaluator</c> shard region on an evaluator node, else a proxy to the evaluator nodes' regions. The
    /// region is started as Akka.Hosting's WithShardRegion does but with our allocation strategy
    /// (<see cref="EvaluatorPlacementStrategy"/>), which WithShardRegion cannot take. Entities are never passivated and
    /// not remembered, the coordinator's state is in Distributed Data (<c>hocon/akka.conf</c>).
    /// </summary>
    public static AkkaConfigurationBuilder WithRuleEvaluators(this AkkaConfigurationBuilder akka, ClusterNode node, NodeRules rules,
        string dispatcher)
    {
        if (!node.HostsEvaluators)
        {
            return akka.WithShardRegionProxy<RuleEvaluatorRegion>(EvaluatorMessageExtractor.TypeName, ClusterNode.EvaluatorRole,
                new EvaluatorMessageExtractor());
        }
        if (node.ShardRole is { } role)
        {
            // As WithShardRegion's ShardOptions.Role: the sharding settings and their replicator take the role.
            akka.AddHocon($"akka.cluster.sharding.role = \"{role}\"", HoconAddMode.Prepend);
        }
        return akka
            .AddHocon(ClusterSharding.DefaultConfig().WithFallback(Akka.DistributedData.DistributedData.DefaultConfig()), HoconAddMode.Append)
            .WithActors(async (system, registry) =>
            {
                var sharding = ClusterSharding.Get(system);
                var settings = ClusterShardingSettings.Create(system).WithRole(node.ShardRole);
                var strategy = new EvaluatorPlacementStrategy(node.Placement, sharding.DefaultShardAllocationStrategy(settings));
                var region = await sharding.StartAsync(EvaluatorMessageExtractor.TypeName, entityId => RuleEvaluator.Props(entityId, rules, dispatcher),
                    settings, new EvaluatorMessageExtractor(), strategy, PoisonPill.Instance);
                registry.Register<RuleEvaluatorRegion>(region);
            });
    }

    /// <summary>
    /// The output router: on a single node a plain actor; in a cluster a singleton on the oldest node (every node has
    /// the same outputs configured), reached through its proxy, and handed over with its positions when that node
    /// leaves: <see cref="HandOverOutputs"/> is its termination message.
    /// </summary>
    public static AkkaConfigurationBuilder WithOutputRouter(this AkkaConfigurationBuilder akka, ClusterNode node, Props router)
    {
        if (!node.Clustered)
        {
            return akka.WithActors((system, registry) => registry.Register<OutputRouter>(system.ActorOf(router, OutputsName)));
        }
        return akka
            // Every node keeps a replica of the written positions (the replicator starts with the extension): a majority
            // counts every member, so a node without one would make WriteMajority and ReadMajority wait in vain.
            .WithActors((system, _) => { Akka.DistributedData.DistributedData.Get(system); })
            .WithSingleton<OutputRouter>(OutputsName, "router", router,
                new ClusterSingletonOptions { TerminationMessage = HandOverOutputs.Instance });
    }

    /// <summary>The top of the run on this node (<c>/user/engine</c>); it completes <see cref="EngineWiring.Completion"/>.</summary>
    public static AkkaConfigurationBuilder WithEngineCoordinator(this AkkaConfigurationBuilder akka, EngineWiring engine) =>
        akka.WithActors((system, registry) => registry.Register<EngineCoordinator>(system.ActorOf(EngineCoordinator.Props(engine.Sources,
            registry.Get<RuleEvaluatorRegion>(), registry.Get<OutputRouter>(), engine.Statistics, engine.Completion,
            untilStopped: engine.Node.Clustered && engine.Sources.Count == 0, clustered: engine.Node.Clustered,
            resuming: engine.State is not null,
            reloader: RulesReloadActor.Props(engine.Setup, engine.Rules, engine.Statistics, engine.Node.Clustered)),
            "engine")));

    /// <summary>
    /// In a cluster, one singleton per source among the nodes of its role (<see cref="ClusterNode.RoleOf"/>; the oldest
    /// of them runs the guardian, which reports to its node's coordinator), top-level (<c>/user/source-&lt;name&gt;</c>)
    /// so that coordinated shutdown hands the source over when the node leaves. On a single node the coordinator starts
    /// the guardians itself, once told (<see cref="StartSources"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithSources(this AkkaConfigurationBuilder akka, ClusterNode node,
        IReadOnlyList<SourceSettings> sources, EngineStatistics stats)
    {
        foreach (var source in node.Clustered ? sources : [])
        {
            // No proxy: the guardian is reached through the messages it sends, so nothing is registered.
            akka.WithSingleton<SourceGuardian>("source-" + Uri.EscapeDataString(source.Source), "guardian",
                (_, registry, _) => SourceGuardian.ClusterProps(source, registry.Get<RuleEvaluatorRegion>(), registry.Get<OutputRouter>(),
                    stats, registry.Get<EngineCoordinator>()),
                new ClusterSingletonOptions { Role = node.RoleOf(source.Source) }, createProxyToo: false);
        }
        return akka;
    }

    /// <summary>HOCON over everything above (the setup's, e.g. <c>akka.actor.serialize-messages = on</c> in tests).</summary>
    public static AkkaConfigurationBuilder WithHoconOverrides(this AkkaConfigurationBuilder akka, string? hocon) =>
        hocon is null ? akka : akka.AddHocon(hocon, HoconAddMode.Prepend);

    /// <summary>One process, or the first node of a cluster (no seed nodes): the node forms a cluster of its own.</summary>
    public static AkkaConfigurationBuilder WithSelfJoin(this AkkaConfigurationBuilder akka, ClusterNode node) =>
        !node.JoinsItself ? akka : akka.AddStartup(async (system, _) =>
        {
            var self = Akka.Cluster.Cluster.Get(system);
            await self.JoinAsync(self.SelfAddress);
        });
}
