using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.Tests.Actors;

namespace Falco.Actors.Engine.Tests.Sources;

/// <summary>
/// A session whose plugin (<c>libfaulty.so</c>, ten events per next_batch) hangs in the next_batch call that reaches
/// event 55: the watchdog reports the call, the guardian takes the events returned before it (1..50) from the session's
/// open batch once it has waited the batch time, never sends them twice when the call returns, and a stop gives the
/// stuck source up after the grace period.
/// </summary>
public sealed class StuckSessionTests : TestKit, IDisposable
{
    private readonly EngineScenario _scenario = new();
    private readonly EngineStatistics _stats = new();
    private readonly StringBuilder _log = new();
    private readonly PluginWatchdog _watchdog;

    public StuckSessionTests()
        : base(EngineHocon.Config, "stuck-session-tests")
    {
        _watchdog = new PluginWatchdog(TimeSpan.FromMilliseconds(300), _stats, Falco.Actors.Engine.Logging.EngineLog.To(TextWriter.Synchronized(new StringWriter(_log))));
    }

    void IDisposable.Dispose()
    {
        _watchdog.Dispose();
        _scenario.Dispose();
        Dispose();
    }

    [Fact]
    public void Events_returned_before_a_hang_are_handed_over_and_a_stop_gives_the_stuck_source_up_after_the_grace()
    {
        var evaluators = CreateTestProbe();
        var guardian = ChildActorOf(SourceGuardian.Props(Faulty("\"hang_ms\": 0"), evaluators, CreateTestProbe(), _stats));

        // A batch holds up to 512 events: only the hand-over sends events 1..50 while next_batch hangs.
        Assert.Equal(Enumerable.Range(1, 50).Select(n => (ulong)n), Evaluate(evaluators, until: 50));
        AwaitCondition(() => WatchdogLog.Contains("plugin 'faulty' (the session of source 'faulty') has been in next_batch for"));
        Assert.Equal(1, _stats.Snapshot().StuckPluginCalls["faulty/next_batch"]);

        guardian.Tell(new StopSource());
        var finished = ExpectMsg<SourceFinished>(TimeSpan.FromSeconds(30));
        Assert.Equal((SourceOutcome.Failed, true, 50UL), (finished.Outcome, finished.Stuck, finished.EventsAccepted));
        Assert.Matches(@"^plugin 'faulty' \(the session of source 'faulty'\) has been in next_batch for \d+\.\d s; given up after the shutdown grace period", finished.Error);
    }

    [Fact]
    public void A_slow_call_is_reported_when_it_returns_and_the_events_taken_during_it_are_not_sent_again()
    {
        var evaluators = CreateTestProbe();
        ChildActorOf(SourceGuardian.Props(Faulty("\"hang_ms\": 1500"), evaluators, CreateTestProbe(), _stats));

        Assert.Equal(Enumerable.Range(1, 100).Select(n => (ulong)n), Evaluate(evaluators, until: 100));
        var finished = ExpectMsg<SourceFinished>(TimeSpan.FromSeconds(30));
        Assert.Equal((SourceOutcome.Eof, false, 100UL), (finished.Outcome, finished.Stuck, finished.EventsAccepted));
        AwaitCondition(() => WatchdogLog.Contains("plugin 'faulty' (the session of source 'faulty') returned from next_batch after"));
        Assert.Equal(0, _stats.Snapshot().PluginCallsStuckNow);
        evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    private string WatchdogLog
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Confirms every batch the evaluators get until <paramref name="until"/> is among them; their events' numbers in order.</summary>
    private static List<ulong> Evaluate(Akka.TestKit.TestProbe evaluators, ulong until)
    {
        var nums = new List<ulong>();
        while (!nums.Contains(until))
        {
            var batch = evaluators.ExpectMsg<EvaluateBatch>(TimeSpan.FromSeconds(30));
            for (var i = 0; i < batch.Batch.Count; i++)
            {
                nums.Add(batch.Batch[i].Num);
            }
            batch.ReplyTo.Tell(new BatchDone(batch.Source, batch.Seq, batch.Batch.Count, 0, 0));
        }
        return nums;
    }

    private SourceSettings Faulty(string hang)
    {
        var plugin = $$"""
              - name: faulty
                library_path: {{TestPlugins.Native("libfaulty.so")}}
                init_config: '{"count": 100, "batch": 10, "fault": "hang", "fault_at": 55, {{hang}}}'
            """;
        var setup = _scenario.Setup(plugin, EngineScenario.EveryEvent("Every", "faulty", "n=%faulty.n"),
            EngineScenario.Actors(batchSize: 512, batchTimeMs: 200, inFlight: 4, partitions: 2));
        return Assert.Single(EngineNode.SourceSettings(setup)) with { Watchdog = _watchdog, ShutdownGrace = TimeSpan.FromSeconds(1) };
    }
}
