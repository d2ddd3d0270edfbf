using System.Collections.Immutable;
using Akka.Actor;
using Falco.Actors.Engine.Cluster;

// The output router and its WrittenPositionsPublisher (a child on the same node): none of these leaves the node.

namespace Falco.Actors.Engine.Outputs;

/// <summary>Publisher → router, once at start: the written positions as last published (empty when none were).</summary>
public sealed record WrittenPositionsRead(ImmutableDictionary<string, SourceWrites> Writes) : INoSerializationVerificationNeeded;

/// <summary>
/// Router → publisher: every source's current state, to publish; <paramref name="Urgent"/>: without waiting for the
/// publish interval (a new incarnation, a finished source). A later one supersedes an earlier one not yet published.
/// </summary>
public sealed record PublishPositions(ImmutableDictionary<string, SourceWrites> Writes, bool Urgent) : INoSerializationVerificationNeeded;

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
