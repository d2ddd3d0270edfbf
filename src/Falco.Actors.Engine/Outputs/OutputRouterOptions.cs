namespace Falco.Actors.Engine.Outputs;

/// <summary>Backlog limits: sources pause above <see cref="HighWater"/> queued alerts in one output, resume under <see cref="LowWater"/>.</summary>
public sealed record OutputRouterOptions(int HighWater, int LowWater)
{
    /// <summary>
    /// The child that keeps what each source has written, when the router tracks it: in a cluster (the router is the
    /// output singleton) the <see cref="WrittenPositionsPublisher"/>, on one node with a state folder the
    /// <see cref="State.EngineStateKeeper"/>; null: the router does not track positions (one node, no state folder).
    /// </summary>
    public Akka.Actor.Props? Positions { get; init; }

    public static readonly OutputRouterOptions Default = new(HighWater: 10_000, LowWater: 5_000);
}
