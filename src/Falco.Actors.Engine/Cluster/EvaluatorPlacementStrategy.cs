using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Cluster;

/// <summary>
/// Where the shard coordinator puts rule-evaluator shards. <see cref="ShardPlacement.Local"/>: a new shard goes to
/// the region that asked for it — the region of the node whose source guardian first sent to it — when that region
/// hosts shards (it is one of the active regions); a shard asked for through a proxy (a source on a node without the
/// evaluator role) goes where <paramref name="spread"/> puts it. Shards are never rebalanced: the coordinator moves
/// them only when their node leaves or dies, and they are then allocated again on first use, next to the source
/// wherever it runs by then (not at once, as the coordinator would after a hand-off). <see cref="ShardPlacement.Spread"/> is <paramref name="spread"/> alone (Akka's
/// least-shards: fewest shards first, rebalanced towards a joining node).
/// </summary>
/// <remarks>
/// Evaluating an event next to its source costs ~3 µs of CPU; shipping it to another node (serialising ~1.4 KB,
/// remoting, deserialising) ~9 µs more, so on a cluster whose source nodes also evaluate, keeping the events local
/// outweighs spreading the evaluation, unless rules are heavy enough that evaluation dominates.
/// </remarks>
public sealed class EvaluatorPlacementStrategy(ShardPlacement placement, IShardAllocationStrategy spread)
    : IActorSystemDependentAllocationStrategy
{
    /// <summary>The path of Akka's ignore ref (its type and test are internal to Akka).</summary>
    private const string IgnoreRefPath = "akka://local/ignore";

    private static readonly Task<IImmutableSet<string>> NoRebalance = Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);

    /// <summary>Starts the fallback strategy (Akka's least-shards reads cluster membership once started).</summary>
    public void Start(ActorSystem system)
    {
        switch (spread)
        {
            case IActorSystemDependentAllocationStrategy dependent:
                dependent.Start(system);
                break;
            case IStartableAllocationStrategy startable:
                startable.Start();
                break;
        }
    }

    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId,
        IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        if (placement == ShardPlacement.Spread)
        {
            return spread.AllocateShard(requester, shardId, currentShardAllocations);
        }
        if (currentShardAllocations.ContainsKey(requester))
        {
            return Task.FromResult(requester);
        }
        // After a hand-off (a node leaving) the coordinator allocates the shard again at once, asking for itself
        // (the ignore ref): answering with a ref that is no region makes it skip that, so the shard is allocated when
        // its source next sends, next to wherever the source runs by then.
        return requester.Path.ToString() == IgnoreRefPath
            ? Task.FromResult(requester)
            : spread.AllocateShard(requester, shardId, currentShardAllocations);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations,
        IImmutableSet<string> rebalanceInProgress) =>
        placement == ShardPlacement.Local ? NoRebalance : spread.Rebalance(currentShardAllocations, rebalanceInProgress);
}
