using Akka.Actor;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// In a cluster, a source's guardian passes its batches' alerts on to the output router (a singleton that may live
/// on another node) itself, so the router learns which events each batch covered and can tell a later incarnation
/// where to resume. This keeps the guardian's side: alerts that came back ahead of an earlier batch (held until it
/// comes: they go out in batch order) and alerts sent but not yet confirmed written (sent again when the router may
/// have changed). Both are few: the guardian holds credits while <see cref="Held"/> is high.
/// </summary>
internal sealed class AlertForwarder(string source, IActorRef router)
{
    private readonly SortedDictionary<long, (ulong SafeThrough, StreamPosition? At, IReadOnlyList<FormattedAlert> Alerts)> _ahead = [];
    private readonly SortedDictionary<long, (SourceAlerts Message, DateTime SentAt)> _unwritten = [];
    private long _next = 1;

    public long Epoch { get; set; }

    /// <summary>Batches whose alerts this side still keeps.</summary>
    public int Held => _ahead.Count + _unwritten.Count;

    /// <summary>
    /// The alerts of batch <paramref name="seq"/> came back (<paramref name="at"/>: the plugin's position after
    /// <paramref name="safeThrough"/>, if known); sends every batch now in order. False when they came
    /// before (a second evaluation of a re-sent batch), and are dropped.
    /// </summary>
    public bool Arrived(long seq, ulong safeThrough, StreamPosition? at, IReadOnlyList<FormattedAlert> alerts, IActorRef self)
    {
        if (seq < _next || !_ahead.TryAdd(seq, (safeThrough, at, alerts)))
        {
            return false;
        }
        while (_ahead.Remove(_next, out var ready))
        {
            var lowest = _unwritten.Count > 0 ? _unwritten.Keys.First() : _next;
            var message = new SourceAlerts(source, Epoch, _next, lowest, ready.SafeThrough, ready.Alerts, ready.At);
            _unwritten[_next] = (message, DateTime.UtcNow);
            router.Tell(message, self);
            _next++;
        }
        return true;
    }

    /// <summary>The router wrote every batch up to <paramref name="seq"/>.</summary>
    public void Written(long seq)
    {
        while (_unwritten.Count > 0 && _unwritten.Keys.First() <= seq)
        {
            _unwritten.Remove(_unwritten.Keys.First());
        }
    }

    /// <summary>Sends again, in order, every batch unconfirmed for at least <paramref name="age"/>.</summary>
    public void Resend(TimeSpan age, IActorRef self)
    {
        var now = DateTime.UtcNow;
        var lowest = _unwritten.Count > 0 ? _unwritten.Keys.First() : _next;
        foreach (var (seq, entry) in _unwritten.ToList())
        {
            if (now - entry.SentAt < age)
            {
                continue;
            }
            // A new router starts at the lowest batch still unwritten: never an older one that is written.
            var message = entry.Message with { LowestUnwritten = lowest };
            _unwritten[seq] = (message, now);
            router.Tell(message, self);
        }
    }
}
