namespace Falco.Actors.Plugins.Abstractions;

/// <summary>
/// Optional: an <see cref="IPluginSession"/> that can name where its stream stands and continue from there in a later
/// session, without reading again what came before (for the cloudtrail plugin: a log file or S3 object and the
/// records already taken from it). The engine asks <see cref="PositionAfter"/> once per batch it hands on, keeps the
/// answer with the batch, and, when a new session of the source must continue after event N (its alerts were written
/// by an earlier session, on this node or another), calls <see cref="ResumeAfter"/> once, before the first
/// <c>NextBatch</c>, with the position the earlier session gave for N. What it cannot skip that way (a session that
/// returns 0, native plugins, which cannot implement this) the engine skips by event number, as before.
/// <para>
/// A position is only meaningful for the same stream: the same plugin, opened with the same parameters, over input
/// that can be read again (files, objects). A live input (a queue) answers null.
/// </para>
/// </summary>
public interface IResumableSession
{
    /// <summary>
    /// Where the stream stands just after its event <paramref name="eventNumber"/> (one this session has already
    /// returned): a short text for <see cref="ResumeAfter"/>, or null when the session cannot name that place. Numbers
    /// never decrease from one call to the next, so the session may forget the places of earlier events.
    /// </summary>
    string? PositionAfter(ulong eventNumber);

    /// <summary>
    /// Before the first <c>NextBatch</c>: continues the stream just after event <paramref name="eventNumber"/>, at
    /// <paramref name="position"/> (what an earlier session's <see cref="PositionAfter"/> said for that event).
    /// Returns <paramref name="eventNumber"/> when it did (the next event is numbered <paramref name="eventNumber"/> + 1
    /// and nothing before that place is read again), or 0 when it cannot (the stream starts at its beginning).
    /// </summary>
    ulong ResumeAfter(ulong eventNumber, string position);
}
