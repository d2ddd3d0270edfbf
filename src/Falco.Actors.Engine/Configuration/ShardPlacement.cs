namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// <c>engine_actors.cluster.placement</c>: where a cluster puts a source's rule-evaluator shards
/// (<see cref="Evaluation.EvaluatorPlacementStrategy"/>).
/// </summary>
public enum ShardPlacement
{
    /// <summary>
    /// On the node whose source first sends to the shard when that node hosts evaluators (its events then never
    /// cross the network); else, and for a source on a node without the evaluator role, as <see cref="Spread"/>.
    /// Shards are not rebalanced.
    /// </summary>
    Local,

    /// <summary>Over every evaluator node, fewest shards first, rebalanced when a node joins (Akka's least-shards).</summary>
    Spread,
}

/// <summary>The names of <see cref="ShardPlacement"/> in falco.yaml and <c>FALCO_ACTORS_PLACEMENT</c>.</summary>
public static class ShardPlacementNames
{
    public const string Local = "local";
    public const string Spread = "spread";

    public static ShardPlacement? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        Local => ShardPlacement.Local,
        Spread => ShardPlacement.Spread,
        _ => null,
    };

    public static string Name(ShardPlacement placement) => placement == ShardPlacement.Local ? Local : Spread;
}
