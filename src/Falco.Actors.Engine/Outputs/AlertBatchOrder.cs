using System.Diagnostics.CodeAnalysis;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// On one node the evaluators of a source's partitions finish out of order: this gives each source's
/// <see cref="AlertBatch"/>es back in batch order (1, 2, 3…), holding those that come early. A batch that comes again
/// after it was given back (a duplicate delivery) is dropped. A few batches per source, bounded by the sources'
/// batches in flight. Not thread-safe: one owner (the router).
/// </summary>
public sealed class AlertBatchOrder
{
    private readonly Dictionary<string, SourceOrder> _sources = new(StringComparer.Ordinal);

    /// <summary>Takes <paramref name="batch"/> in; false when a batch of that number was given back already.</summary>
    public bool Add(AlertBatch batch)
    {
        if (!_sources.TryGetValue(batch.Source, out var order))
        {
            _sources[batch.Source] = order = new SourceOrder();
        }
        if (batch.Seq < order.Next)
        {
            return false;
        }
        order.Waiting[batch.Seq] = batch;
        return true;
    }

    /// <summary>The source's next batch, when it has come.</summary>
    public bool TryTakeNext(string source, [MaybeNullWhen(false)] out AlertBatch batch)
    {
        batch = null;
        if (!_sources.TryGetValue(source, out var order) || !order.Waiting.Remove(order.Next, out batch))
        {
            return false;
        }
        order.Next++;
        return true;
    }

    /// <summary>
    /// A batch still waiting for an earlier one, source by source, lowest first: once everything has been evaluated
    /// (a drain), a missing batch can only have been lost, so the ones after it are not held back any longer. Should
    /// the missing one still come, it is given back then.
    /// </summary>
    public bool TryTakeWaiting([MaybeNullWhen(false)] out AlertBatch batch)
    {
        foreach (var order in _sources.Values)
        {
            if (order.Waiting.Count == 0)
            {
                continue; // the usual case, without walking the tree
            }
            foreach (var (seq, waiting) in order.Waiting)
            {
                order.Waiting.Remove(seq);
                batch = waiting;
                return true;
            }
        }
        batch = null;
        return false;
    }

    private sealed class SourceOrder
    {
        public long Next = 1;
        public readonly SortedDictionary<long, AlertBatch> Waiting = [];
    }
}
