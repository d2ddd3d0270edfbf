using Akka.Actor;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// Start reading: sent once the node is up and its webserver listens, so a run that cannot start (its node never
/// joins, its webserver's port is taken) has read nothing and written no alert. On a single node the coordinator
/// then starts the guardians; in a cluster the sources are singletons that start with the node.
/// </summary>
public sealed record StartSources : INoSerializationVerificationNeeded
{
    public static readonly StartSources Instance = new();
}

/// <summary>Stop every source gracefully: accepted events are still evaluated and written, then the run completes.</summary>
public sealed record StopEngine : INoSerializationVerificationNeeded;

/// <summary>How a run ended: each source's outcome and the final statistics.</summary>
public sealed record EngineResult(IReadOnlyList<SourceFinished> Sources, EngineStatisticsSnapshot Statistics)
{
    /// <summary>
    /// 0 when every source ended by EOF or on request and every output wrote every alert; 1 when a source was given
    /// up or an output lost alerts (<see cref="Outputs.OutputLoss"/>: given up, dropped on a full queue, discarded).
    /// </summary>
    public int ExitCode => Sources.Any(s => s.Outcome == SourceOutcome.Failed) || Outputs.OutputLoss.Total(Statistics) > 0 ? 1 : 0;
}
