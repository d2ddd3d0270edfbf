using Akka.Actor;

namespace Falco.Actors.Engine.Sources;

// Messages within one node (coordinator, guardians, sessions): never serialized.

/// <summary>Ask a source to stop (graceful: what was accepted is still evaluated and written).</summary>
public sealed record StopSource : INoSerializationVerificationNeeded;

/// <summary>How a source ended.</summary>
public enum SourceOutcome
{
    /// <summary>The plugin reported EOF.</summary>
    Eof,
    /// <summary>Stopped on request.</summary>
    Stopped,
    /// <summary>The session kept failing and was given up after the retry limit.</summary>
    Failed,
}

/// <summary>
/// Guardian → its parent: the source has ended and every batch it accepted has been evaluated.
/// <paramref name="Error"/> is the last failure of a failed source.
/// </summary>
public sealed record SourceFinished(string Source, SourceOutcome Outcome, ulong EventsAccepted, int Restarts, string? Error) : INoSerializationVerificationNeeded
{
    /// <summary>Given up after the shutdown grace period while one of its plugin calls was stuck (its actor left behind).</summary>
    public bool Stuck { get; init; }
}

/// <summary>
/// Session → guardian before it throws: the failure, for the report. <paramref name="AtResume"/>: the plugin failed to
/// continue at the position it was given, so the next session does without it (and skips by number).
/// </summary>
public sealed record SessionFailed(string Error, bool AtResume = false) : INoSerializationVerificationNeeded;
