using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>
/// Hot reload on one node: the reload actor reads the rules file again and switches the node's rules; an evaluator
/// entity (with its own states of the real counter plugin) takes them at its next batch. A reload that cannot be
/// loaded keeps the rules in force and says why, with the file and line.
/// </summary>
public sealed class RulesReloadTests : TestKit, IDisposable
{
    private readonly EngineScenario _scenario = new();

    public RulesReloadTests() : base(EngineHocon.Config, "rules-reload-tests")
    {
    }

    void IDisposable.Dispose()
    {
        _scenario.Dispose();
        Dispose();
    }

    [Fact]
    public void A_reload_applies_from_the_next_batch_and_a_broken_one_keeps_the_rules_in_force()
    {
        var setup = _scenario.Setup(EngineScenario.Counter(10), EngineScenario.EveryEvent("Rule A", "counter", "A n=%counter.n"));
        setup = setup with
        {
            // What the CLI does: read the rules files again, against the plugins already loaded.
            Reload = _ => new RulesReload(setup.Configuration, EngineSetup.LoadRules(setup.Configuration, setup.Plugins)),
        };
        var stats = new EngineStatistics();
        var rules = EngineNode.CompileRules(setup, stats);
        var log = new StringWriter();
        var reloader = Sys.ActorOf(RulesReloadActor.Props(setup, rules, stats, clustered: false, log));
        var evaluator = Sys.ActorOf(RuleEvaluator.Props("counter/0", rules, "falco-plugin-dispatcher"));
        var outputs = CreateTestProbe();

        Assert.Equal(["A n=1", "A n=2"], Evaluate(evaluator, outputs, 1, 1, 2));

        File.WriteAllText(_scenario.File("rules.yaml"), EngineScenario.EveryEvent("Rule B", "counter", "B n=%counter.n"));
        reloader.Tell(RequestReload.Instance);
        var reloaded = ExpectMsg<RulesReloadOutcome>(TimeSpan.FromSeconds(10));
        Assert.True(reloaded.Succeeded, reloaded.Error);
        Assert.Equal(2, reloaded.Rules.Number);
        Assert.Same(reloaded.Rules, rules.Current);
        Assert.Empty(reloaded.RestartKeys);
        Assert.Equal(["B n=3", "B n=4"], Evaluate(evaluator, outputs, 2, 3, 4));

        // Line 3 holds a condition that does not compile.
        File.WriteAllText(_scenario.File("rules.yaml"), "- rule: Broken\n  desc: broken\n  condition: counter.nope = 1\n  output: x\n  priority: WARNING\n  source: counter\n");
        reloader.Tell(RequestReload.Instance);
        var failed = ExpectMsg<RulesReloadOutcome>(TimeSpan.FromSeconds(10));
        Assert.False(failed.Succeeded);
        Assert.Contains("rules.yaml:3:", failed.Error);
        Assert.Same(reloaded.Rules, failed.Rules);
        Assert.Equal(["B n=5"], Evaluate(evaluator, outputs, 3, 5));

        var snapshot = stats.Snapshot();
        Assert.Equal((1, 1), (snapshot.RulesReloads, snapshot.RulesReloadFailures));
        var lines = log.ToString();
        Assert.Contains("Rules reloaded: 1 rule(s) in force (reload 1, rules generation 2)", lines);
        Assert.Contains("Error: rules reload failed; the rules in force stay (rules generation 2): ", lines);
        Assert.Contains("rules.yaml:3:", lines);
    }

    [Fact]
    public void A_host_without_a_reload_function_answers_that_it_cannot_reload()
    {
        var setup = _scenario.Setup(EngineScenario.Counter(10), EngineScenario.EveryEvent("Rule A", "counter", "A n=%counter.n"));
        var stats = new EngineStatistics();
        var reloader = Sys.ActorOf(RulesReloadActor.Props(setup, EngineNode.CompileRules(setup, stats), stats, clustered: false, TextWriter.Null));

        reloader.Tell(RequestReload.Instance);

        Assert.Equal("this host does not support reloading the rules", ExpectMsg<RulesReloadOutcome>().Error);
    }

    /// <summary>One batch of the events numbered <paramref name="numbers"/>; the alerts' outputs.</summary>
    private static List<string> Evaluate(IActorRef evaluator, Akka.TestKit.TestProbe outputs, long seq, params ulong[] numbers)
    {
        var batch = new EventBatch();
        foreach (var n in numbers)
        {
            batch.Add(n, 1_700_000_000_000_000_000UL + n, 999, Encoding.ASCII.GetBytes($"n={n}"));
        }
        evaluator.Tell(new EvaluateBatch("counter/0", "counter", seq, batch, outputs, ActorRefs.Nobody));
        return [.. outputs.ExpectMsg<AlertBatch>().Alerts.Select(a => a.Text[(a.Text.IndexOf("Warning ", StringComparison.Ordinal) + 8)..])];
    }
}
