using Akka.Actor;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Evaluation;

// ReloadRules crosses nodes (the node asked to reload tells every member's coordinator); the rest stay on one node.

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// To a node's coordinator (<c>/user/engine</c>): load the configuration and rules again and put them in force, as
/// reload number <paramref name="Generation"/> of the cluster (a node does each number once, and skips numbers it has
/// passed: its next load reads the files as they are then anyway).
/// </summary>
public sealed record ReloadRules(long Generation) : IWireMessage;

/// <summary>Ask this node's coordinator for a reload (of every member, in a cluster); answered with this node's <see cref="RulesReloadOutcome"/>.</summary>
public sealed record RequestReload : INoSerializationVerificationNeeded
{
    public static readonly RequestReload Instance = new();
}

/// <summary>
/// How a reload ended on this node: the rules in force (<paramref name="Rules"/>, the new ones when it succeeded,
/// else the previous ones), the error that kept the previous ones, and the changed keys that apply at the next start
/// only (<see cref="Configuration.ReloadableKeys"/>).
/// </summary>
public sealed record RulesReloadOutcome(long Generation, RulesGeneration Rules, string? Error, IReadOnlyList<string> RestartKeys)
    : INoSerializationVerificationNeeded
{
    public bool Succeeded => Error is null;
}

/// <summary>The reload actor's own: the load of reload <paramref name="Generation"/> ended (compiled, or failed).</summary>
public sealed record ReloadLoaded(long Generation, CompiledReload? Compiled, string? Error) : INoSerializationVerificationNeeded;

/// <summary>A reload read and compiled off the event path, ready to be put in force.</summary>
public sealed record CompiledReload(IReadOnlyList<SourceRules> Sources, IReadOnlyList<string> RestartKeys);
