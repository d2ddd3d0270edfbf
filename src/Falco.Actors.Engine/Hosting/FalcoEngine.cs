using Akka.Actor;
using Akka.Hosting;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// Starts a run: configure (the node's <see cref="EngineWiring"/>, wired by <see cref="FalcoEngineHosting.WithFalcoEngine"/>:
/// HOCON, serializer, logging, remoting, a cluster, by default of this node alone, the rule-evaluator shard region,
/// the output router, the coordinator and the sources) → start the host → wait until the node is up → start the
/// webserver → start the sources → return the run. The run ends when every source has ended and everything
/// accepted has been evaluated and written, or when it is stopped; <see cref="EngineRun.Completion"/> then gives the
/// result.
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
        var engine = EngineWiring.For(setup);
        if (engine.Node.Insecure)
        {
            Console.Error.WriteLine($"Warning: {ClusterNode.InsecureWarning}");
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka(setup.SystemName, (akka, _) => akka.WithFalcoEngine(engine));
        var host = builder.Build();
        EngineMonitoring? monitoring = null;
        try
        {
            await host.StartAsync(cancellationToken);
            // Akka.Hosting only logs an actor starter that throws (to no logger here) and the host starts anyway.
            var registry = host.Services.GetRequiredService<ActorRegistry>();
            if (!registry.TryGet<EngineCoordinator>(out var coordinator) || !registry.TryGet<OutputRouter>(out var outputs))
            {
                throw new InvalidOperationException("the engine's actors did not start");
            }
            var system = host.Services.GetRequiredService<ActorSystem>();
            await WaitForMemberUpAsync(system, setup.StartupTimeout, cancellationToken);
            // The webserver answers once the node is up; a port in use fails the start, as in Falco. Only then do the
            // sources start (a cluster's source singletons start with the node: a node that fails to start leaves and
            // hands them over).
            var router = registry.Get<OutputRouter>();
            monitoring = await EngineMonitoring.StartAsync(MonitoringSettings.For(setup.Configuration, engine.Actors), engine.Statistics,
                EngineMetricsInfo.For(engine.Rules, engine.Sources.Select(s => s.Source), EngineNode.Hostname(setup)) with
                {
                    Warnings = engine.Node.Insecure ? [ClusterNode.InsecureWarning] : [],
                    Plugins = setup.Plugins.Versions,
                }, engine.Log, alert => router.Tell(new InternalAlerts([alert])), cancellationToken);
            coordinator.Tell(StartSources.Instance);
            return new EngineRun(host, system, coordinator, outputs, engine.Statistics, engine.Completion.Task, engine.OwnedSinks, monitoring,
                engine.Watchdog);
        }
        catch
        {
            await EngineRun.ShutdownAsync(host, monitoring, engine.OwnedSinks);
            engine.Watchdog.Dispose();
            throw;
        }
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
}
