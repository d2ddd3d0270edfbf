using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// What a source's guardian remembers across its sessions: where the next one resumes (the last event accepted and
/// the latest place in the plugin's stream at or before it), how many events were accepted and sessions started,
/// and how the source ended. A session re-created after a failure continues from here (<see cref="ResumeFrom"/>).
/// </summary>
internal sealed class SessionHistory
{
    private int _sessions;

    /// <summary>The number of the last event accepted: a new session skips up to it.</summary>
    public ulong LastAccepted { get; private set; }

    /// <summary>The latest place known in the plugin's stream, at or before <see cref="LastAccepted"/>.</summary>
    public StreamPosition? ResumeAt { get; private set; }

    public ulong EventsAccepted { get; private set; }

    /// <summary>Sessions re-created after the first.</summary>
    public int Restarts => Math.Max(0, _sessions - 1);

    /// <summary>How the source ended; null while it runs (and, at the end, when it was given up).</summary>
    public SourceOutcome? Outcome { get; private set; }

    public bool StopRequested => Outcome == SourceOutcome.Stopped;

    public string? LastError { get; private set; }

    /// <summary>In a cluster: continue after the event the output router says was written through, at its position.</summary>
    public void ResumeAfter(ulong writtenThrough, StreamPosition? at)
    {
        LastAccepted = writtenThrough;
        ResumeAt = at;
    }

    /// <summary>A session opened; true when it replaces an earlier one (a restart).</summary>
    public bool SessionStarted() => _sessions++ > 0;

    /// <summary>What a new session is told: skip what was accepted, continue at the latest position, start with <paramref name="credits"/>.</summary>
    public ResumeFrom ResumeFrom(int credits) => new(LastAccepted, credits, ResumeAt);

    /// <summary>The session handed over <paramref name="batch"/> (not empty); <paramref name="at"/>: the plugin's position, if it said.</summary>
    public void Accepted(EventBatch batch, StreamPosition? at)
    {
        LastAccepted = batch[batch.Count - 1].Num;
        ResumeAt = at ?? ResumeAt; // an older place stays valid: what follows it is skipped by number
        EventsAccepted += (ulong)batch.Count;
    }

    /// <summary>A session failed; one that failed at its resume position makes the next one do without it.</summary>
    public void SessionFailed(SessionFailed failure)
    {
        LastError = failure.Error;
        if (failure.AtResume)
        {
            ResumeAt = null;
        }
    }

    /// <summary>A session ended its stream; the first ending (or stop) decides the outcome.</summary>
    public void SessionEnded(bool eof) => Outcome ??= eof ? SourceOutcome.Eof : SourceOutcome.Stopped;

    /// <summary>The source was given up while a plugin call was stuck: it failed, whatever else was asked.</summary>
    public void GivenUp(string reason)
    {
        Outcome = SourceOutcome.Failed;
        LastError = reason;
        Stuck = true;
    }

    /// <summary>The source was given up while a plugin call was stuck.</summary>
    public bool Stuck { get; private set; }

    /// <summary>A stop was asked for: unless the stream already ended, the source ends as stopped.</summary>
    public void RequestStop() => Outcome ??= SourceOutcome.Stopped;

    /// <summary>The report of a source whose sessions are over: a source that never ended its stream was given up.</summary>
    public SourceFinished Finished(string source)
    {
        var outcome = Outcome ?? SourceOutcome.Failed;
        return new SourceFinished(source, outcome, EventsAccepted, Restarts, outcome == SourceOutcome.Failed ? LastError : null) { Stuck = Stuck };
    }
}
