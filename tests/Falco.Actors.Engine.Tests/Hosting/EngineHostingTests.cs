using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.Tests.Actors;
using Falco.Actors.Plugins.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Falco.Actors.Engine.Tests.Hosting;

/// <summary>
/// The engine's Akka.Hosting chain (<see cref="FalcoEngineHosting.WithFalcoEngine"/>, the one <see cref="FalcoEngine"/>
/// starts) in a host of the test's own, one node: what it registers, a batch through the region to the outputs, and the
/// coordinator running its source once told to. (Akka.Hosting.TestKit would host this, but its 1.5.75 is built on
/// xunit v3 and these tests run on xunit v2: the two cannot share a test project.)
/// </summary>
public sealed class EngineHostingTests : IAsyncLifetime
{
    private readonly EngineScenario _scenario = new();
    private readonly RecordingSink _sink = new();
    private EngineWiring _engine = null!;
    private IHost _host = null!;

    private ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    private ActorRegistry Registry => _host.Services.GetRequiredService<ActorRegistry>();

    public async Task InitializeAsync()
    {
        var setup = _scenario.Setup(EngineScenario.Counter(100, batch: 10),
            EngineScenario.EveryEvent("Every counter event", "counter", "event n=%counter.n"),
            EngineScenario.Actors(batchSize: 10, batchTimeMs: 20, inFlight: 2, partitions: 2), [_sink]);
        _engine = EngineWiring.For(setup);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("engine-hosting-tests", (akka, _) => akka.WithFalcoEngine(_engine));
        _host = builder.Build();
        await _host.StartAsync();
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(System).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _scenario.Dispose();
    }

    [Fact]
    public async Task The_registry_holds_the_shard_region_the_output_router_and_the_coordinator_and_no_source_reads_before_the_start()
    {
        Assert.Equal("/system/sharding/rule-evaluator", Registry.Get<RuleEvaluatorRegion>().Path.ToStringWithoutAddress());
        Assert.Equal("/user/outputs", Registry.Get<OutputRouter>().Path.ToStringWithoutAddress());
        Assert.Equal("/user/engine", Registry.Get<EngineCoordinator>().Path.ToStringWithoutAddress());

        await Task.Delay(300);
        Assert.Equal(0, _engine.Statistics.EventsIn("counter"));
        Assert.False(_engine.Completion.Task.IsCompleted);
    }

    [Fact]
    public void A_batch_sent_to_the_region_is_evaluated_and_its_alerts_reach_the_output()
    {
        var batch = new EventBatch();
        for (var n = 1UL; n <= 3; n++)
        {
            batch.Add(n, 1_700_000_000_000_000_000UL + n, 999, Encoding.ASCII.GetBytes($"n={n}"));
        }
        var guardian = new TestProbe(System, new XunitAssertions());

        Registry.Get<RuleEvaluatorRegion>().Tell(
            new EvaluateBatch(EvaluateBatch.EntityIdOf("counter", 0), "counter", 1, batch, Registry.Get<OutputRouter>(), guardian));

        Assert.Equal(new BatchDone("counter", 1, 3, 3, 0), guardian.ExpectMsg<BatchDone>(TimeSpan.FromSeconds(20)));
        guardian.AwaitAssert(() => Assert.Equal(["event n=1", "event n=2", "event n=3"], _sink.Alerts.Select(a => a.Text[^9..])),
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Told_to_start_the_coordinator_runs_its_source_to_the_end_and_every_alert_reaches_the_output()
    {
        Registry.Get<EngineCoordinator>().Tell(StartSources.Instance);

        var result = await _engine.Completion.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
        Assert.Equal(Enumerable.Range(1, 100).Select(n => $"event n={n}"),
            _sink.Alerts.Select(a => a.Text[a.Text.LastIndexOf("event n=", StringComparison.Ordinal)..]));
    }
}
