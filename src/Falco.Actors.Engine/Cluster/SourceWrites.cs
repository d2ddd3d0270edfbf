using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Cluster;

/// <summary>
/// What the output router has written for one source: the guardian incarnation (<see cref="Epoch"/>) it accepts
/// batches from, the last batch of that epoch written (<see cref="LastSeq"/>), the highest event number such that it
/// and every earlier event have had their alerts written (<see cref="WrittenThrough"/>: where a new incarnation
/// resumes), the plugin's latest position known at or before it (<see cref="At"/>: where a resumable plugin
/// continues without reading again), and whether the source has ended. A few values per source, whatever the
/// stream's length.
/// </summary>
public sealed class SourceWrites
{
    public long Epoch;
    public long LastSeq;
    public ulong WrittenThrough;
    public StreamPosition? At;
    public bool Finished;

    public SourceWrites Copy() => (SourceWrites)MemberwiseClone();

    /// <summary>Batch alerts up to <paramref name="safeThrough"/> were written; <paramref name="at"/> is the plugin's position after it.</summary>
    public void Wrote(ulong safeThrough, StreamPosition? at)
    {
        WrittenThrough = Math.Max(WrittenThrough, safeThrough);
        if (at is not null && (At is null || at.Through > At.Through))
        {
            At = at;
        }
    }
}
