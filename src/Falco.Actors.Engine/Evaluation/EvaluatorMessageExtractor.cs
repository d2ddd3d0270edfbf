using Akka.Cluster.Sharding;

namespace Falco.Actors.Engine.Evaluation;

/// <summary>
/// Routes evaluator messages to their entity (<c>&lt;source&gt;/&lt;partition&gt;</c>); shards are the entity
/// id's hash modulo <see cref="MaxShards"/>, which must never change while a cluster lives.
/// </summary>
public sealed class EvaluatorMessageExtractor() : HashCodeMessageExtractor(MaxShards)
{
    public const int MaxShards = 64;

    /// <summary>The shard region's type name.</summary>
    public const string TypeName = "rule-evaluator";

    public override string? EntityId(object message) => (message as IEvaluatorMessage)?.EntityId;
}
