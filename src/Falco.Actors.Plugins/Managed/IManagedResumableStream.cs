namespace Falco.Actors.Plugins.Managed;

/// <summary>
/// Optional: an <see cref="IManagedEventStream"/> over input that can be read again (files, objects) that names where
/// it stands and continues from there in a later stream (the host's side is
/// <see cref="Abstractions.IResumableSession"/>). Event numbers are the ones the host gives the events this stream
/// adds: its own 1-based count of them, continuing after <c>eventNumber</c> once <see cref="ResumeAfter"/> succeeded.
/// Same ownership as the stream: one call at a time, from its owner.
/// </summary>
public interface IManagedResumableStream : IManagedEventStream
{
    /// <summary>
    /// Where the stream stands just after its event <paramref name="eventNumber"/> (one it has already added): a short
    /// text for a later <see cref="ResumeAfter"/>, or null when it cannot name that place. Called at most once per
    /// batch, with numbers that never decrease, so the stream may forget the places of earlier events.
    /// </summary>
    string? PositionAfter(ulong eventNumber);

    /// <summary>
    /// Called at most once, before the first <see cref="IManagedEventStream.NextBatch"/>: continue just after event
    /// <paramref name="eventNumber"/>, at <paramref name="position"/> (what an earlier stream of the same plugin and
    /// parameters said for that event). True when it did: the next event added is numbered
    /// <paramref name="eventNumber"/> + 1 and nothing before the place is read again. False when it cannot (unknown or
    /// malformed position, input gone): the stream must then be unchanged, starting at its beginning.
    /// </summary>
    bool ResumeAfter(ulong eventNumber, string position);
}
