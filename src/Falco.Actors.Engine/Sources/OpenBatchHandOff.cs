using System.Diagnostics;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// Lets a source's guardian take the session's open batches while the session's thread is inside a next_batch call,
/// so events a plugin returned before a call that is slow or never returns are still evaluated: an open batch never
/// waits longer than the batch time because the session is busy, and a stop takes them at once.
/// <para>
/// The protocol (every step under one lock; twice per next_batch call, never per event): before the call the session
/// offers its non-empty open batches (<see cref="Offer"/>); the call itself never writes into an offered batch (it
/// appends to an empty batch or to the scratch batch), so an offered batch does not change until the session
/// withdraws the offer after the call (<see cref="Withdraw"/>). The guardian takes offered batches only while the
/// offer stands (<see cref="Take"/>), so a batch is either taken or withdrawn, never both: its events are sent once.
/// The guardian takes only when it has received every batch the session sent before the call, so batches stay in
/// event order. A taken batch belongs to the guardian; the session drops it from its open batches and counts it
/// against its credits.
/// </para>
/// </summary>
public sealed class OpenBatchHandOff(int partitions)
{
    private readonly EventBatch?[] _offered = new EventBatch?[partitions];
    private readonly bool[] _taken = new bool[partitions];
    private bool _inCall;
    private long _since;
    private long _sentBefore;
    private ulong _lastNum;

    /// <summary>
    /// Batches the source's sessions have sent to the guardian, counted by the session (one per guardian, so the count
    /// goes on across its sessions, like the guardian's count of what it received).
    /// </summary>
    internal long Sent;

    /// <summary>Session, before next_batch: offers its non-empty <paramref name="open"/> batches.</summary>
    /// <param name="lastNum">The last event read so far: every event up to it is sent, skipped or in an open batch.</param>
    internal void Offer(EventBatch?[] open, ulong lastNum)
    {
        lock (_offered)
        {
            for (var i = 0; i < _offered.Length; i++)
            {
                _offered[i] = open[i] is { Count: > 0 } batch ? batch : null;
                _taken[i] = false;
            }
            (_inCall, _since, _sentBefore, _lastNum) = (true, Stopwatch.GetTimestamp(), Sent, lastNum);
        }
    }

    /// <summary>Session, after next_batch: ends the offer, drops the taken batches from <paramref name="open"/>; returns how many.</summary>
    internal int Withdraw(EventBatch?[] open)
    {
        lock (_offered)
        {
            _inCall = false;
            var taken = 0;
            for (var i = 0; i < _offered.Length; i++)
            {
                if (_taken[i])
                {
                    open[i] = null;
                    taken++;
                }
                _offered[i] = null;
            }
            return taken;
        }
    }

    /// <summary>
    /// Guardian: takes the offered batches when the session has been in its call for at least <paramref name="waited"/>
    /// and the guardian has <paramref name="received"/> every batch sent before it; in event order, each with its
    /// partition (-1: any) and safe-through event. Empty when there is nothing to take.
    /// </summary>
    internal IReadOnlyList<BatchReady> Take(TimeSpan waited, long received, bool keyed)
    {
        lock (_offered)
        {
            if (!_inCall || received != _sentBefore || Stopwatch.GetElapsedTime(_since) < waited)
            {
                return [];
            }
            List<(EventBatch Batch, int Partition)>? taken = null;
            for (var i = 0; i < _offered.Length; i++)
            {
                if (_offered[i] is { } batch && !_taken[i])
                {
                    _taken[i] = true;
                    (taken ??= []).Add((batch, keyed ? i : -1));
                }
            }
            if (taken is null)
            {
                return [];
            }
            // With a partition key the batches' events interleave: each is safe up to the next one's first event.
            taken.Sort(static (a, b) => a.Batch[0].Num.CompareTo(b.Batch[0].Num));
            var ready = new BatchReady[taken.Count];
            for (var i = 0; i < ready.Length; i++)
            {
                var safe = i + 1 < ready.Length ? taken[i + 1].Batch[0].Num - 1 : _lastNum;
                ready[i] = new BatchReady(taken[i].Batch, taken[i].Partition, safe);
            }
            return ready;
        }
    }
}
