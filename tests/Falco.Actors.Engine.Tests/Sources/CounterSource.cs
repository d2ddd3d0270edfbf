using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.Tests.Actors;

namespace Falco.Actors.Engine.Tests.Sources;

/// <summary>The settings of the native counter plugin's source (events numbered 1..count), for guardians driven by probes.</summary>
internal sealed class CounterSource : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public SourceSettings Settings(int count, int batchSize, int inFlight, int partitions)
    {
        var setup = _scenario.Setup(EngineScenario.Counter(count, batch: batchSize), EngineScenario.EveryEvent("Counted", "counter", "n=%counter.n"),
            EngineScenario.Actors(batchSize, batchTimeMs: 20, inFlight, partitions));
        return Assert.Single(EngineNode.SourceSettings(setup));
    }

    public void Dispose() => _scenario.Dispose();
}
