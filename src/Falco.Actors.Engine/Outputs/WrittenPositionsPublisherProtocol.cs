using System.Collections.Immutable;
using Akka.Actor;
using Falco.Actors.Engine.Cluster;

// The output router and the child that keeps its written positions (WrittenPositionsPublisher in a cluster,
// EngineStateKeeper with a state folder): none of these leaves the node.

namespace Falco.Actors.Engine.Outputs;

/// <summary>Publisher → router, once at start: the written positions as last published (empty when none were).</summary>
public sealed record WrittenPositionsRead(ImmutableDictionary<string, SourceWrites> Writes) : INoSerializationVerificationNeeded;

/// <summary>
/// Router → publisher: every source's current state, to publish; <paramref name="Urgent"/>: without waiting for the
/// publish interval (a new incarnation, a finished source). A later one supersedes an earlier one not yet published.
/// </summary>
public sealed record PublishPositions(ImmutableDictionary<string, SourceWrites> Writes, bool Urgent) : INoSerializationVerificationNeeded
{
    /// <summary>The file output's length once the alerts up to these positions were written to it; -1: unknown.</summary>
    public long FileOutputLength { get; init; } = -1;
}

/// <summary>
/// Router → publisher when its node hands over: publish what is left at once (and anything after it), and answer
/// <see cref="PositionsPublished"/> once nothing is left to publish.
/// </summary>
public sealed record PublishRemaining : INoSerializationVerificationNeeded
{
    public static readonly PublishRemaining Instance = new();
}

public sealed record PositionsPublished : INoSerializationVerificationNeeded
{
    public static readonly PositionsPublished Instance = new();
}
