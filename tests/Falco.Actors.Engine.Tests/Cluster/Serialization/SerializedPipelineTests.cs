using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.Tests.Actors;

namespace Falco.Actors.Engine.Tests.Cluster.Serialization;

/// <summary>
/// A whole run with <c>serialize-messages = on</c>: every message between actors is serialized and read back as if
/// it crossed nodes (local-only messages are marked as needing no check), so a message the wire serializer cannot
/// carry faithfully fails the run or changes its alerts.
/// </summary>
public sealed class SerializedPipelineTests : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task A_run_with_every_message_serialized_gives_every_alert_in_order()
    {
        var sink = new RecordingSink();
        var setup = _scenario.Setup(EngineScenario.Counter(1500, batch: 7),
            EngineScenario.EveryEvent("Every counter event", "counter", "event n=%counter.n"),
            EngineScenario.Actors(batchSize: 32, batchTimeMs: 20, inFlight: 4, partitions: 4), [sink]) with
        {
            Hocon = """
                akka.actor.serialize-messages = on
                akka.actor.serialize-creators = off
                """,
        };

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(SourceOutcome.Eof, Assert.Single(result.Sources).Outcome);
        Assert.Equal(0L, result.Statistics.EvaluationErrors);
        Assert.Equal(
            Enumerable.Range(1, 1500).Select(i => $"event n={i}"),
            sink.Alerts.Select(a => a.Text[(a.Text.LastIndexOf("event n=", StringComparison.Ordinal))..]));
        Assert.All(sink.Alerts, a => Assert.Equal("counter", a.Source));
    }
}
