namespace Falco.Actors.Plugins.Abstractions;

/// <summary>
/// Optional: an <see cref="IPluginSession"/> that can move past the start of its stream without reading it. When a
/// new session of a source resumes after event number N (its alerts were written by an earlier session, on this node
/// or another), the engine calls <see cref="SkipThrough"/> once, before the first <c>NextBatch</c>; the session skips
/// what it can skip cheaply (whole files or objects whose events are all numbered up to N) and numbers its next
/// event as if it had read them. The engine then skips by number whatever remains up to N, as it does for every
/// session (native plugins, which cannot implement this, take that path only).
/// <para>
/// The session's stream must be the same as the earlier session's (the same open parameters, a replayable input).
/// A CloudTrail session reading sorted files or S3 keys would implement it with the record count of each file it
/// has read (kept beside its file list, or counted without parsing), skipping file after file while the running count
/// stays ≤ N, and leaving the rest of a partly confirmed file to the engine's skip by number.
/// </para>
/// </summary>
public interface IResumableSession
{
    /// <summary>
    /// Skips the stream's first events, numbered 1.., up to <paramref name="eventNumber"/> at most; returns the number
    /// of the last event skipped (0 when none), after which <c>NextBatch</c> continues.
    /// </summary>
    ulong SkipThrough(ulong eventNumber);
}
