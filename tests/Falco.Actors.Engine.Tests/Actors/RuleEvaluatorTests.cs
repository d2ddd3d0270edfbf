using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>One rule-evaluator entity, outside sharding, with its own states of the real counter plugin.</summary>
public sealed class RuleEvaluatorTests : TestKit, IDisposable
{
    private readonly EngineScenario _scenario = new();

    public RuleEvaluatorTests() : base(EngineHocon.Config, "rule-evaluator-tests")
    {
    }

    void IDisposable.Dispose()
    {
        _scenario.Dispose();
        Dispose();
    }

    [Fact]
    public void A_batch_gives_one_alert_batch_with_the_matches_in_event_order_then_its_confirmation()
    {
        var setup = _scenario.Setup(EngineScenario.Counter(10),
            string.Join("\n",
                EngineScenario.EveryEvent("Even", "counter", "even n=%counter.n", "counter.even = true"),
                EngineScenario.EveryEvent("Big", "counter", "big n=%counter.n", "counter.n > 3")),
            "rule_matching: all\n");
        var stats = new EngineStatistics();
        var evaluator = Sys.ActorOf(RuleEvaluator.Props("counter/0", EngineNode.CompileRules(setup, stats), "falco-plugin-dispatcher"));
        var batch = new EventBatch();
        for (var n = 1UL; n <= 5; n++)
        {
            batch.Add(n, 1_700_000_000_000_000_000UL + n, 999, Encoding.ASCII.GetBytes($"n={n}"));
        }
        var outputs = CreateTestProbe();
        var source = CreateTestProbe();

        evaluator.Tell(new EvaluateBatch("counter/0", "counter", 7, batch, outputs, source));

        var alerts = outputs.ExpectMsg<AlertBatch>();
        Assert.Equal(("counter", 7L), (alerts.Source, alerts.Seq));
        Assert.Equal(["even n=2", "even n=4", "big n=4", "big n=5"],
            alerts.Alerts.Select(a => a.Text[(a.Text.IndexOf("Warning ", StringComparison.Ordinal) + 8)..]));
        Assert.All(alerts.Alerts, a => Assert.Null(a.Json));
        Assert.Equal(new BatchDone("counter", 7, 5, 4, 0), source.ExpectMsg<BatchDone>());
        Assert.Equal(2, stats.Snapshot().AlertsOf("Even"));

        // An empty batch still gets its (empty) alert batch, so the router's order has no gap.
        evaluator.Tell(new EvaluateBatch("counter/0", "counter", 8, new EventBatch(), outputs, source));
        Assert.Empty(outputs.ExpectMsg<AlertBatch>().Alerts);
        Assert.Equal(0, source.ExpectMsg<BatchDone>().Events);
    }
}
