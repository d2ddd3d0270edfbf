using System.Collections.Concurrent;
using Akka.Actor;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// Actor references resolved from their serialized paths, as Akka's own serializers cache them: every batch carries
/// the same two or three paths (its source's output router and guardian), and resolving one costs tens of µs. A
/// serialized path holds the actor's uid, so a re-created actor has another path and is never confused with its
/// predecessor. Bounded: emptied when it reaches <see cref="Capacity"/> paths.
/// </summary>
internal sealed class ActorRefCache(IActorRefProvider provider)
{
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, IActorRef> _resolved = new(StringComparer.Ordinal);

    public IActorRef Resolve(string path)
    {
        if (_resolved.TryGetValue(path, out var actor))
        {
            return actor;
        }
        actor = provider.ResolveActorRef(path);
        // An unresolvable path gives an empty placeholder: not cached, so the actor is found once it exists.
        if (actor is not EmptyLocalActorRef && !actor.IsNobody())
        {
            if (_resolved.Count >= Capacity)
            {
                _resolved.Clear();
            }
            _resolved[path] = actor;
        }
        return actor;
    }
}
