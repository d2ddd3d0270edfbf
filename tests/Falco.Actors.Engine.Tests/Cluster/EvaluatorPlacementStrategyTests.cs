using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Tests.Cluster;

/// <summary>
/// Where the shard coordinator puts rule-evaluator shards: next to the source (local) or over every evaluator node
/// (spread, Akka's least-shards, here a stand-in that records what it was asked).
/// </summary>
public sealed class EvaluatorPlacementStrategyTests : TestKit
{
    private readonly IActorRef _regionA;
    private readonly IActorRef _regionB;
    private readonly IActorRef _proxy;
    private readonly LeastShards _spread = new();

    public EvaluatorPlacementStrategyTests()
    {
        _regionA = Sys.ActorOf(Props.Empty, "regionA");
        _regionB = Sys.ActorOf(Props.Empty, "regionB");
        _proxy = Sys.ActorOf(Props.Empty, "proxy");
    }

    /// <summary>Region A holds three shards, B none: least-shards would pick B and move shards from A to B.</summary>
    private IImmutableDictionary<IActorRef, IImmutableList<string>> Allocations() =>
        ImmutableDictionary<IActorRef, IImmutableList<string>>.Empty
            .Add(_regionA, ImmutableList.Create("1", "2", "3"))
            .Add(_regionB, ImmutableList<string>.Empty);

    [Fact]
    public async Task Local_allocates_a_new_shard_to_the_region_that_asked_for_it()
    {
        var strategy = new EvaluatorPlacementStrategy(ShardPlacement.Local, _spread);

        Assert.Equal(_regionA, await strategy.AllocateShard(_regionA, "4", Allocations()));
        Assert.Equal(_regionB, await strategy.AllocateShard(_regionB, "5", Allocations()));
        Assert.Equal(0, _spread.Allocations);
    }

    [Fact]
    public async Task Local_falls_back_to_least_shards_for_a_proxy_or_a_region_that_is_leaving()
    {
        var strategy = new EvaluatorPlacementStrategy(ShardPlacement.Local, _spread);
        // A source on a node without the evaluator role asks through its proxy, which hosts no shard; a region in
        // graceful shutdown is no longer among the allocations the coordinator passes.
        var withoutA = Allocations().Remove(_regionA);

        Assert.Equal(_regionB, await strategy.AllocateShard(_proxy, "4", Allocations()));
        Assert.Equal(_regionB, await strategy.AllocateShard(_regionA, "5", withoutA));
        Assert.Equal(2, _spread.Allocations);
    }

    [Fact]
    public async Task Local_leaves_a_handed_off_shard_unallocated_until_its_source_asks()
    {
        var strategy = new EvaluatorPlacementStrategy(ShardPlacement.Local, _spread);
        // The coordinator asks for itself (the ignore ref) right after a hand-off; a ref that is no region makes it skip.
        var ignore = ((ExtendedActorSystem)Sys).Provider.IgnoreRef;

        var region = await strategy.AllocateShard(ignore, "4", Allocations());

        Assert.False(Allocations().ContainsKey(region));
        Assert.Equal(0, _spread.Allocations);
    }

    [Fact]
    public async Task Local_never_rebalances_a_shard_away_from_its_source_node()
    {
        var strategy = new EvaluatorPlacementStrategy(ShardPlacement.Local, _spread);

        Assert.Empty(await strategy.Rebalance(Allocations(), ImmutableHashSet<string>.Empty));
        Assert.Equal(0, _spread.Rebalances);
    }

    [Fact]
    public async Task Spread_is_least_shards_for_allocation_and_rebalancing()
    {
        var strategy = new EvaluatorPlacementStrategy(ShardPlacement.Spread, _spread);

        Assert.Equal(_regionB, await strategy.AllocateShard(_regionA, "4", Allocations()));
        Assert.Equal(["1"], await strategy.Rebalance(Allocations(), ImmutableHashSet<string>.Empty));
        Assert.Equal((1, 1), (_spread.Allocations, _spread.Rebalances));
    }

    [Fact]
    public void Starting_the_strategy_starts_least_shards()
    {
        new EvaluatorPlacementStrategy(ShardPlacement.Local, _spread).Start(Sys);

        Assert.Same(Sys, _spread.StartedWith);
    }

    /// <summary>Least-shards in miniature: the region with the fewest shards; rebalance the first shard of the fullest.</summary>
    private sealed class LeastShards : IActorSystemDependentAllocationStrategy
    {
        public int Allocations { get; private set; }

        public int Rebalances { get; private set; }

        public ActorSystem? StartedWith { get; private set; }

        public void Start(ActorSystem system) => StartedWith = system;

        public Task<IActorRef> AllocateShard(IActorRef requester, string shardId,
            IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
        {
            Allocations++;
            return Task.FromResult(currentShardAllocations.MinBy(r => r.Value.Count).Key);
        }

        public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations,
            IImmutableSet<string> rebalanceInProgress)
        {
            Rebalances++;
            IImmutableSet<string> shards = ImmutableHashSet.Create(currentShardAllocations.MaxBy(r => r.Value.Count).Value[0]);
            return Task.FromResult(shards);
        }
    }
}
