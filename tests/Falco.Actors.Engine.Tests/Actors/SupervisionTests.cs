using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>Failing sessions are closed, destroyed and re-created with back-off; nothing accepted is lost or repeated.</summary>
[Collection(BrokenPluginCounters.Collection)]
public sealed class SupervisionTests : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private static ulong Stamp(Falco.Actors.Engine.Outputs.FormattedAlert a) => ulong.Parse(a.Text[(a.Text.LastIndexOf("ts=", StringComparison.Ordinal) + 3)..]);

    [Fact]
    public async Task A_session_that_fails_is_re_created_and_resumes_after_the_last_accepted_event()
    {
        var sink = new RecordingSink();
        var setup = _scenario.Setup(EngineScenario.Counter(500, batch: 7),
            EngineScenario.EveryEvent("Counted", "counter", "n=%counter.n"),
            EngineScenario.Actors(batchSize: 10, batchTimeMs: 20, inFlight: 2, partitions: 2), [sink],
            new PluginLoadOptions { LoadNative = FailingOpens.Loader(failingSessions: 2, failAfter: 123) });

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var source = Assert.Single(result.Sources);
        Assert.Equal(SourceOutcome.Eof, source.Outcome);
        Assert.Equal(2, source.Restarts);
        Assert.Equal(2, result.Statistics.Restarts["counter"]);
        Assert.Equal(500UL, source.EventsAccepted);
        var numbers = sink.Alerts.Select(a => ulong.Parse(a.Text[(a.Text.LastIndexOf("n=", StringComparison.Ordinal) + 2)..]));
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (ulong)i), numbers);
        // A native plugin cannot name its position: each new session read the accepted events again and skipped them.
        Assert.True(result.Statistics.Replayed.GetValueOrDefault("counter") >= 2 * 100, "the new sessions did not replay");
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task A_failed_cloudtrail_session_continues_at_its_position_without_reading_the_earlier_files_again()
    {
        EngineSetup CloudTrail(RecordingSink sink, PluginLoadOptions? options = null) =>
            _scenario.Setup(EngineScenario.CloudTrailSample, EngineScenario.CloudTrailRules,
                EngineScenario.Actors(batchSize: 64, batchTimeMs: 20, inFlight: 2, partitions: 2) + "\nrule_matching: all\n", [sink], options);
        var undisturbed = new RecordingSink();
        await using (var alone = await FalcoEngine.StartAsync(CloudTrail(undisturbed)))
        {
            await alone.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        }

        // The first two sessions break after 3000 of the sample's 8000 events each.
        var sink = new RecordingSink();
        await using var run = await FalcoEngine.StartAsync(CloudTrail(sink,
            new PluginLoadOptions { LoadManaged = FailingOpens.ManagedLoader(failingSessions: 2, failAfter: 3000) }));
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var source = Assert.Single(result.Sources);
        Assert.Equal(SourceOutcome.Eof, source.Outcome);
        Assert.Equal(2, source.Restarts);
        Assert.Equal(8000UL, source.EventsAccepted);
        // Each new session started at the cloudtrail plugin's position (a file and the records taken from it): none
        // read an event again that an earlier one had accepted (skipping by number would have read 3000, then 6000).
        Assert.Equal(0, result.Statistics.Replayed.GetValueOrDefault("aws_cloudtrail"));
        Assert.NotEmpty(undisturbed.Alerts);
        Assert.Equal(undisturbed.Alerts.Select(a => a.Text), sink.Alerts.Select(a => a.Text));
    }

    [Fact]
    public async Task The_failing_native_plugin_is_given_up_after_its_retries_while_another_source_runs_to_the_end()
    {
        var inits = BrokenPluginCounters.Inits;
        var destroys = BrokenPluginCounters.Destroys;
        var sink = new RecordingSink();
        var rules = string.Join("\n",
            EngineScenario.EveryEvent("Broken event", "broken", "ts=%evt.rawtime"),
            EngineScenario.EveryEvent("Counter event", "counter", "n=%counter.n"));
        var setup = _scenario.Setup(
            EngineScenario.Broken("""{"count": 1000, "fail_after": 25}""") + "\n" + EngineScenario.Counter(3000, batch: 50, more: """, "dwell_us": 200"""),
            rules, EngineScenario.Actors(batchSize: 8, batchTimeMs: 20, inFlight: 2, partitions: 2), [sink]);

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var broken = result.Sources.Single(s => s.Source == "broken");
        var counter = result.Sources.Single(s => s.Source == "counter");
        Assert.Equal(SourceOutcome.Failed, broken.Outcome);
        Assert.Contains("stream broke after 25 events", broken.Error);
        Assert.Equal(3, broken.Restarts); // the retry limit of the scenario's supervision
        // Every session replays events 1..25 and fails: the first 25 were accepted once, the replays skipped.
        Assert.Equal(25UL, broken.EventsAccepted);
        var brokenAlerts = sink.Alerts.Where(a => a.Source == "broken").Select(Stamp).ToList();
        Assert.Equal(Enumerable.Range(1, 25).Select(i => 1000UL + (ulong)i), brokenAlerts);
        Assert.Equal(SourceOutcome.Eof, counter.Outcome);
        Assert.Equal(3000, sink.Alerts.Count(a => a.Source == "counter"));
        Assert.Equal(1, result.ExitCode);
        // Every state the engine created (sessions and the evaluators' own) was destroyed.
        Assert.Equal(BrokenPluginCounters.Inits - inits, BrokenPluginCounters.Destroys - destroys);
        Assert.True(BrokenPluginCounters.Inits - inits >= 4);
    }

    [Fact]
    public async Task A_session_that_cannot_open_is_retried_then_reported_with_the_plugin_error()
    {
        var inits = BrokenPluginCounters.Inits;
        var destroys = BrokenPluginCounters.Destroys;
        var setup = _scenario.Setup(EngineScenario.Broken("""{"open_fail": true}"""),
            EngineScenario.EveryEvent("Broken event", "broken", "ts=%evt.rawtime"), "", [new RecordingSink()]);

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var source = Assert.Single(result.Sources);
        Assert.Equal(SourceOutcome.Failed, source.Outcome);
        Assert.Contains("no such stream", source.Error);
        Assert.Equal(0UL, source.EventsAccepted);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(BrokenPluginCounters.Inits - inits, BrokenPluginCounters.Destroys - destroys);
        Assert.True(BrokenPluginCounters.Inits - inits >= 4); // the first try and three retries
    }
}
