namespace Falco.Actors.Engine.Outputs;

/// <summary>Backlog limits: sources pause above <see cref="HighWater"/> queued alerts in one output, resume under <see cref="LowWater"/>.</summary>
public sealed record OutputRouterOptions(int HighWater, int LowWater)
{
    /// <summary>The router is the cluster's output singleton: it tracks and publishes what each source has written.</summary>
    public bool Clustered { get; init; }

    public static readonly OutputRouterOptions Default = new(HighWater: 10_000, LowWater: 5_000);
}
