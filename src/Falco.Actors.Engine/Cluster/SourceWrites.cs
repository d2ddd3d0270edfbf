using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Cluster;

/// <summary>
/// What the output router has written for one source: the guardian incarnation (<see cref="Epoch"/>) it accepts
/// batches from, the last batch of that epoch written (<see cref="LastSeq"/>), the highest event number such that it
/// and every earlier event have had their alerts written (<see cref="WrittenThrough"/>: where a new incarnation
/// resumes), the plugin's latest position known at or before it (<see cref="At"/>: where a resumable plugin
/// continues without reading again), and whether the source has ended. A few values per source, whatever the
/// stream's length; immutable, so the router can hand its current values to be published while it goes on.
/// </summary>
public sealed record SourceWrites(long Epoch, long LastSeq, ulong WrittenThrough, StreamPosition? At, bool Finished)
{
    /// <summary>A source the router has heard nothing of.</summary>
    public static readonly SourceWrites None = new(0, 0, 0, null, false);

    /// <summary>
    /// Batch <paramref name="seq"/> was written: its alerts up to <paramref name="safeThrough"/>; <paramref name="at"/>
    /// is the plugin's position after it (a batch without one keeps the older position).
    /// </summary>
    public SourceWrites Wrote(long seq, ulong safeThrough, StreamPosition? at) => this with
    {
        LastSeq = seq,
        WrittenThrough = Math.Max(WrittenThrough, safeThrough),
        At = at is not null && (At is null || at.Through > At.Through) ? at : At,
    };
}
