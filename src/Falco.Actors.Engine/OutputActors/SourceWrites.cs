namespace Falco.Actors.Engine.OutputActors;

/// <summary>
/// What the output router has written for one source: the guardian incarnation (<see cref="Epoch"/>) it accepts
/// batches from, the last batch of that epoch written (<see cref="LastSeq"/>), the highest event number such that it
/// and every earlier event have had their alerts written (<see cref="WrittenThrough"/>: where a new incarnation
/// resumes), and whether the source has ended. Four numbers per source, whatever the stream's length.
/// </summary>
public sealed class SourceWrites
{
    public long Epoch;
    public long LastSeq;
    public ulong WrittenThrough;
    public bool Finished;
}
