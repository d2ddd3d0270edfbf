using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;
using Falco.Actors.Engine.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// Starts a run: an ActorSystem through Akka.Hosting with the engine's HOCON, a cluster (by default this node
/// alone, joining itself), the rule-evaluator shard region, the output router and one source per source plugin.
/// The run ends when every source has ended and everything accepted has been evaluated and written, or when it is
/// stopped; <see cref="EngineRun.Completion"/> then gives the result.
/// </summary>
public static class FalcoEngine
{
    /// <summary>
    /// Runs to the end and returns the result; cancelling <paramref name="cancellationToken"/> (Ctrl+C) stops the
    /// run gracefully: what was accepted is still evaluated and written.
    /// </summary>
    public static async Task<EngineResult> RunAsync(EngineSetup setup, CancellationToken cancellationToken = default)
    {
        var run = await StartAsync(setup, cancellationToken);
        await using (run)
        {
            using var stop = cancellationToken.Register(() => _ = run.StopAsync());
            return await run.Completion;
        }
    }

    public static async Task<EngineRun> StartAsync(EngineSetup setup, CancellationToken cancellationToken = default)
    {
        var stats = new EngineStatistics();
        var actors = setup.EngineActors ?? setup.Configuration.EngineActors;
        var node = setup.Cluster ?? ClusterNode.Resolve(actors.Cluster, setup.SystemName);
        var nodeRules = EngineNode.CompileRules(setup, stats, evaluatorsCountAlerts: !node.Clustered);
        // Only nodes with a source's role read it; the others evaluate (and write what comes back) until stopped.
        var sources = EngineNode.SourceSettings(setup, node.RunsSource);
        var ownsSinks = setup.Sinks is null;
        var sinks = setup.Sinks ?? CreateSinks(setup);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka(setup.SystemName, (akka, _) => Configure(akka, setup, actors, node, nodeRules));
        var host = builder.Build();
        EngineMonitoring? monitoring = null;
        try
        {
            await host.StartAsync(cancellationToken);
            var system = host.Services.GetRequiredService<ActorSystem>();
            await WaitForMemberUpAsync(system, setup.StartupTimeout, cancellationToken);
            var region = host.Services.GetRequiredService<ActorRegistry>().Get<RuleEvaluatorRegion>();
            var bucket = new TokenBucket(setup.Configuration.Outputs.Rate, setup.Configuration.Outputs.MaxBurst);
            var outputs = StartOutputs(system, node, OutputRouter.Props(sinks, bucket, stats, setup.OutputBacklog with { Clustered = node.Clustered }));
            var completion = new TaskCompletionSource<EngineResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            // The webserver answers once the node is up; a port in use fails the start, as in Falco.
            monitoring = await EngineMonitoring.StartAsync(setup.Configuration.Webserver, actors.StatsIntervalS, stats,
                EngineMetricsInfo.For(nodeRules, sources.Select(s => s.Source), EngineNode.Hostname(setup)), Console.Error, cancellationToken);
            var coordinator = system.ActorOf(EngineCoordinator.Props(sources, region, outputs, stats, completion,
                untilStopped: node.Clustered && sources.Count == 0, clustered: node.Clustered), "engine");
            if (node.Clustered)
            {
                StartSourceSingletons(system, node, sources, region, outputs, stats, coordinator);
            }
            return new EngineRun(host, system, coordinator, stats, completion.Task, ownsSinks ? sinks : [], monitoring);
        }
        catch
        {
            await EngineRun.ShutdownAsync(host, monitoring, ownsSinks ? sinks : []);
            throw;
        }
    }

    /// <summary>
    /// The output router: on a single node a plain actor; in a cluster a singleton on the oldest node (every node
    /// has the same outputs configured), reached through a proxy, and handed over with its positions when that node
    /// leaves (<see cref="HandOverOutputs"/>).
    /// </summary>
    private static IActorRef StartOutputs(ActorSystem system, ClusterNode node, Props router)
    {
        if (!node.Clustered)
        {
            return system.ActorOf(router, "outputs");
        }
        // Every node keeps a replica of the written positions (the replicator starts with the extension): a majority
        // counts every member, so a node without one would make WriteMajority and ReadMajority wait in vain.
        Akka.DistributedData.DistributedData.Get(system);
        system.ActorOf(ClusterSingletonManager.Props(router, HandOverOutputs.Instance, ClusterSingletonManagerSettings.Create(system)
            .WithRole(null).WithSingletonName("router")), "outputs");
        return system.ActorOf(ClusterSingletonProxy.Props("/user/outputs", ClusterSingletonProxySettings.Create(system)
            .WithRole(null).WithSingletonName("router")), "outputs-proxy");
    }

    /// <summary>
    /// One singleton manager per source on each node of the source's role (<see cref="ClusterNode.RoleOf"/>; the oldest
    /// of them runs the guardian); top-level, so coordinated shutdown hands the source over when this node leaves.
    /// </summary>
    private static void StartSourceSingletons(ActorSystem system, ClusterNode node, IReadOnlyList<SourceSettings> sources,
        IActorRef evaluators, IActorRef outputs, EngineStatistics stats, IActorRef coordinator)
    {
        foreach (var source in sources)
        {
            var settings = ClusterSingletonManagerSettings.Create(system).WithRole(node.RoleOf(source.Source)).WithSingletonName("guardian");
            system.ActorOf(ClusterSingletonManager.Props(SourceGuardian.ClusterProps(source, evaluators, outputs, stats, coordinator),
                PoisonPill.Instance, settings), "source-" + Uri.EscapeDataString(source.Source));
        }
    }

    private static void Configure(AkkaConfigurationBuilder akka, EngineSetup setup, Configuration.EngineActorsConfig actors,
        ClusterNode node, NodeRules nodeRules)
    {
        akka.AddHocon(EngineHocon.Text, HoconAddMode.Prepend);
        if (node.Clustered)
        {
            akka.AddHocon(EngineHocon.ClusterText, HoconAddMode.Prepend);
        }
        akka
            .AddFalcoWireSerializer()
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = setup.Configuration.Logging.Level.Equals("debug", StringComparison.OrdinalIgnoreCase)
                    ? Akka.Event.LogLevel.DebugLevel
                    : Akka.Event.LogLevel.WarningLevel;
                loggers.ClearLoggers();
                loggers.AddLogger<StderrLogger>();
            })
            .WithRemoting(node.Hostname, node.Port)
            .WithClustering(new ClusterOptions { SeedNodes = [.. node.SeedNodes], Roles = [.. node.Roles] });
        if (node.HostsEvaluators)
        {
            StartEvaluatorRegion(akka, node, entityId => RuleEvaluator.Props(entityId, nodeRules, actors.PluginDispatcher));
        }
        else
        {
            // A source-only node reaches the evaluators on the other nodes through a proxy.
            akka.WithShardRegionProxy<RuleEvaluatorRegion>(EvaluatorMessageExtractor.TypeName, ClusterNode.EvaluatorRole,
                new EvaluatorMessageExtractor());
        }
        if (setup.Hocon is { } hocon)
        {
            akka.AddHocon(hocon, HoconAddMode.Prepend);
        }
        if (node.JoinsItself)
        {
            // One process, or the first node of a cluster: the node forms a cluster of its own.
            akka.AddStartup(async (system, _) =>
            {
                var self = Akka.Cluster.Cluster.Get(system);
                await self.JoinAsync(self.SelfAddress);
            });
        }
    }

    /// <summary>
    /// The rule-evaluator shard region, started as Akka.Hosting's WithShardRegion does but with our allocation strategy
    /// (<see cref="EvaluatorPlacementStrategy"/>), which WithShardRegion cannot take. Entities are never passivated and
    /// not remembered, the coordinator's state is in Distributed Data (hocon/akka.conf).
    /// </summary>
    private static void StartEvaluatorRegion(AkkaConfigurationBuilder akka, ClusterNode node, Func<string, Props> evaluator)
    {
        if (node.ShardRole is { } role)
        {
            // As WithShardRegion's ShardOptions.Role: the sharding settings and their replicator take the role.
            akka.AddHocon($"akka.cluster.sharding.role = \"{role}\"", HoconAddMode.Prepend);
        }
        akka.AddHocon(ClusterSharding.DefaultConfig().WithFallback(Akka.DistributedData.DistributedData.DefaultConfig()), HoconAddMode.Append);
        akka.WithActors(async (system, registry) =>
        {
            var sharding = ClusterSharding.Get(system);
            var settings = ClusterShardingSettings.Create(system).WithRole(node.ShardRole);
            var strategy = new EvaluatorPlacementStrategy(node.Placement, sharding.DefaultShardAllocationStrategy(settings));
            var region = await sharding.StartAsync(EvaluatorMessageExtractor.TypeName, evaluator, settings,
                new EvaluatorMessageExtractor(), strategy, PoisonPill.Instance);
            registry.Register<RuleEvaluatorRegion>(region);
        });
    }

    private static async Task WaitForMemberUpAsync(ActorSystem system, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        try
        {
            await up.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the node did not join its cluster within {timeout.TotalSeconds:0} s");
        }
    }

    private static IReadOnlyList<IAlertSink> CreateSinks(EngineSetup setup)
    {
        var set = AlertSinkFactory.Create(setup.Configuration);
        foreach (var problem in set.Problems)
        {
            Console.Error.WriteLine($"Error: {problem.Message} (this output is disabled)");
        }
        return set.Sinks;
    }
}
