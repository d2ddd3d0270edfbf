using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>
/// A native plugin run isolated (<c>engine_actors.plugins.faulty.isolation: process</c>) that crashes or hangs once
/// mid-stream: the engine runs on, the supervision re-creates the session with back-off, and every event is
/// evaluated exactly once (the new session's replay is skipped by number).
/// </summary>
public sealed class IsolatedSupervisionTests : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Theory]
    [InlineData("segv")]
    [InlineData("abort")]
    [InlineData("hang")]
    public async Task A_session_whose_process_dies_or_hangs_once_is_re_created_and_every_event_alerts_once(string fault)
    {
        var sink = new RecordingSink();
        var plugins = $$"""
              - name: faulty
                library_path: {{TestPlugins.Native("libfaulty.so")}}
                init_config: '{"count": 300, "batch": 10, "fault": "{{fault}}", "fault_at": 95, "once_file": "{{_scenario.File("once")}}"}'
            """;
        var setup = _scenario.Setup(plugins, EngineScenario.EveryEvent("Faulty", "faulty", "n=%faulty.n"),
            EngineScenario.Actors(batchSize: 20, batchTimeMs: 20, inFlight: 2, partitions: 2) + """

              plugins:
                faulty:
                  isolation: process
                  call_timeout_s: 1
            """, [sink]);

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var source = Assert.Single(result.Sources);
        Assert.Equal(SourceOutcome.Eof, source.Outcome);
        Assert.Equal(1, source.Restarts);
        Assert.Equal(300UL, source.EventsAccepted);
        var numbers = sink.Alerts.Select(a => int.Parse(a.Text[(a.Text.LastIndexOf("n=", StringComparison.Ordinal) + 2)..]));
        Assert.Equal(Enumerable.Range(1, 300), numbers);
        Assert.Equal(0, result.ExitCode);
    }
}
