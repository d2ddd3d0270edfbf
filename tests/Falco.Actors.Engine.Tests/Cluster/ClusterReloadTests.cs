using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.Tests.Actors;
using Xunit.Abstractions;
using static Falco.Actors.Engine.Tests.Cluster.ClusterScenario;

namespace Falco.Actors.Engine.Tests.Cluster;

/// <summary>
/// Hot reload in a cluster: a stream of the slowed native counter plugin runs over two nodes with spread placement;
/// a reload asked on the node that does not run the source reaches both nodes' coordinators, each node reads the
/// rules file again and its evaluators switch at a batch boundary. Both rule sets alert every event, under different
/// names: every event number comes out exactly once (no loss, no double evaluation), and events read after both
/// nodes switched carry the new rule's name.
/// </summary>
public sealed class ClusterReloadTests(ITestOutputHelper output) : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static string Rule(string name) => EngineScenario.EveryEvent(name, "counter", "event n=%counter.n");

    [Fact]
    public async Task A_reload_on_one_node_switches_the_evaluators_of_every_node_and_alerts_each_event_once()
    {
        const int count = 2000;
        EngineSetup Setup(RecordingSink sink, ClusterNode node)
        {
            var setup = _scenario.Setup(EngineScenario.Counter(count, batch: 10, more: ", \"dwell_us\": 10000"), Rule("Rule A"),
                EngineScenario.Actors(batchSize: 20, batchTimeMs: 20, inFlight: 4, partitions: 12), [sink]) with
            {
                Cluster = node,
                Hocon = JsonFallbackProbe.Binding,
            };
            return setup with { Reload = _ => new RulesReload(setup.Configuration, EngineSetup.LoadRules(setup.Configuration, setup.Plugins)) };
        }

        var sinks = new[] { new RecordingSink("a"), new RecordingSink("c") };
        await using var a = await FalcoEngine.StartAsync(Setup(sinks[0], Spread([], ClusterNode.EvaluatorRole)));
        var seed = Akka.Cluster.Cluster.Get(a.System).SelfAddress.ToString();
        await using var c = await FalcoEngine.StartAsync(Setup(sinks[1], Spread([seed], ClusterNode.SourceRole, ClusterNode.EvaluatorRole)));
        for (var waited = 0; c.Statistics.EventsIn("counter") < 300; waited += 10)
        {
            Assert.True(waited < 60_000, "the source read fewer than 300 events within 60 s");
            await Task.Delay(10);
        }

        File.WriteAllText(_scenario.File("rules.yaml"), Rule("Rule B"));
        var outcome = await a.ReloadRulesAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(outcome.Succeeded, outcome.Error);
        for (var waited = 0; c.Statistics.Snapshot().RulesReloads < 1; waited += 10)
        {
            Assert.True(waited < 30_000, "the source's node did not reload within 30 s");
            await Task.Delay(10);
        }
        var readWhenBothSwitched = c.Statistics.EventsIn("counter");
        var evaluatedThen = new[] { a, c }.Select(r => r.Statistics.Snapshot().EventsEvaluated.GetValueOrDefault("counter")).ToArray();
        output.WriteLine($"both nodes reloaded after {readWhenBothSwitched} events were read; evaluated per node then: {string.Join(", ", evaluatedThen)}");

        var result = await c.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        var resultA = await a.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(readWhenBothSwitched < count, "the stream ended before the reload");
        Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
        Assert.Equal((1, 0), (resultA.Statistics.RulesReloads, resultA.Statistics.RulesReloadFailures));
        Assert.Equal((1, 0), (result.Statistics.RulesReloads, result.Statistics.RulesReloadFailures));
        // Both nodes evaluated batches after they switched, and whatever was read after that carries the new name.
        Assert.True(resultA.Statistics.EventsEvaluated["counter"] > evaluatedThen[0], "node a evaluated nothing after the reload");
        Assert.True(result.Statistics.EventsEvaluated["counter"] > evaluatedThen[1], "node c evaluated nothing after the reload");
        var alerts = sinks[0].Alerts.Select(x => (x.Rule, N: int.Parse(x.Text[(x.Text.LastIndexOf("event n=", StringComparison.Ordinal) + 8)..]))).ToList();
        Assert.Equal(Enumerable.Range(1, count), alerts.Select(x => x.N).Order());
        Assert.Contains(alerts, x => x.Rule == "Rule A");
        Assert.All(alerts.Where(x => x.N > readWhenBothSwitched), x => Assert.Equal("Rule B", x.Rule));
        Assert.Empty(sinks[1].Alerts);
        AssertNoJsonFallback();
    }
}
