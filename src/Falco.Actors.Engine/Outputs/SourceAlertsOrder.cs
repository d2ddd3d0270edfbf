using System.Collections.Immutable;
using Falco.Actors.Engine.Cluster;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// In a cluster, the router's account of each source's <see cref="SourceAlerts"/>: the guardian incarnation (epoch)
/// whose batches it takes, the next batch to write, and so where a new incarnation resumes. A batch is written once,
/// in order: one of a replaced incarnation, or one written already, is not written again, and one after a gap waits
/// for the guardian to send the missing ones again. Each source's state is a <see cref="SourceWrites"/> in an
/// immutable dictionary (<see cref="Writes"/>), which is what the router publishes. Not thread-safe: one owner.
/// </summary>
public sealed class SourceAlertsOrder(ImmutableDictionary<string, SourceWrites>? published = null)
{
    /// <summary>Every source's state.</summary>
    public ImmutableDictionary<string, SourceWrites> Writes { get; private set; } =
        (published ?? ImmutableDictionary<string, SourceWrites>.Empty).WithComparers(StringComparer.Ordinal);

    public SourceWrites Of(string source) => Writes.GetValueOrDefault(source, SourceWrites.None);

    /// <summary>
    /// A new incarnation asks where to resume: from then on the batches of the older ones are not written
    /// (<paramref name="newEpoch"/>: it is the newest so far). An older epoch gets the current one back: a guardian
    /// whose clock is behind takes a higher one and asks again.
    /// </summary>
    public ResumePoint Resume(ResumeRequest request, out bool newEpoch)
    {
        var w = Of(request.Source);
        newEpoch = request.Epoch > w.Epoch;
        if (newEpoch)
        {
            w = Set(request.Source, w with { Epoch = request.Epoch, LastSeq = 0 });
        }
        return new ResumePoint(request.Source, w.Finished ? request.Epoch : w.Epoch, w.WrittenThrough, w.Finished, w.At);
    }

    /// <summary>
    /// True when <paramref name="batch"/> is the next to write (and now counts as written). <paramref name="confirmation"/>
    /// is what its guardian is told (cumulative), or null when the batch is of a replaced incarnation or comes after a gap.
    /// </summary>
    public bool Arrived(SourceAlerts batch, out SourceAlertsWritten? confirmation)
    {
        confirmation = null;
        var w = Of(batch.Source);
        if (batch.Epoch < w.Epoch)
        {
            return false; // of an incarnation that has been replaced: its events are read again by the new one
        }
        if (batch.Epoch > w.Epoch)
        {
            // This router started after the incarnation resumed (its predecessor's state did not reach it).
            w = w with { Epoch = batch.Epoch, LastSeq = 0 };
        }
        // Batches before the guardian's lowest unconfirmed one were confirmed written, by a predecessor whose last
        // publication this router may not have seen: never wait for them.
        w = w with { LastSeq = Math.Max(w.LastSeq, batch.LowestUnwritten - 1) };
        var next = batch.Seq == w.LastSeq + 1;
        if (next)
        {
            w = w.Wrote(batch.Seq, batch.SafeThrough, batch.At);
        }
        Set(batch.Source, w);
        if (batch.Seq <= w.LastSeq)
        {
            confirmation = new SourceAlertsWritten(batch.Source, batch.Epoch, w.LastSeq);
        }
        return next;
    }

    /// <summary>
    /// The source ended: the finished point its guardian is told, or null when the guardian was replaced.
    /// <paramref name="finished"/>: the source had not ended before.
    /// </summary>
    public ResumePoint? Completed(SourceCompleted completed, out bool finished)
    {
        var w = Of(completed.Source);
        finished = false;
        if (completed.Epoch < w.Epoch)
        {
            return null;
        }
        finished = !w.Finished;
        w = Set(completed.Source, w with { Epoch = completed.Epoch, Finished = true });
        return new ResumePoint(completed.Source, completed.Epoch, w.WrittenThrough, Finished: true, w.At);
    }

    private SourceWrites Set(string source, SourceWrites writes)
    {
        Writes = Writes.SetItem(source, writes);
        return writes;
    }
}
