using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;

// In a cluster a source's guardian (a cluster singleton) and the output router (another singleton) talk through
// these messages, across nodes: the router is the one authority on what was written, so a new incarnation of a
// source resumes exactly where the alerts stopped. Written by WireSerializer.

namespace Falco.Actors.Engine.Cluster;

/// <summary>
/// Guardian → router: a new incarnation of a source's guardian (its <paramref name="Epoch"/>, unique and increasing)
/// asks where to resume. Sent again until answered; the router answers every copy with the same point.
/// </summary>
public sealed record ResumeRequest(string Source, long Epoch) : IWireMessage;

/// <summary>
/// Router → guardian: skip every event numbered up to <paramref name="WrittenThrough"/> (their alerts are written);
/// <paramref name="At"/>, when known, is the plugin's position after an event at or before it, from which a resumable
/// plugin continues without reading what came before; <paramref name="Finished"/>: the source already ended, do not
/// run it again. <paramref name="Epoch"/> is the
/// request's, or, when the request's is older than the router's current epoch (clocks differ between nodes), the
/// current one: the guardian then takes a later epoch and asks again.
/// </summary>
public sealed record ResumePoint(string Source, long Epoch, ulong WrittenThrough, bool Finished, StreamPosition? At = null) : IWireMessage;

/// <summary>
/// Guardian → router: the alerts of the guardian's batch <paramref name="Seq"/> of epoch <paramref name="Epoch"/>, sent
/// in batch order. Once written, every event numbered up to <paramref name="SafeThrough"/> has had its alerts written.
/// <paramref name="LowestUnwritten"/> is the lowest batch the guardian has not seen written (a new router starts there).
/// <paramref name="At"/> is the plugin's position after <paramref name="SafeThrough"/>, when the plugin can say.
/// </summary>
public sealed record SourceAlerts(string Source, long Epoch, long Seq, long LowestUnwritten, ulong SafeThrough,
    IReadOnlyList<FormattedAlert> Alerts, StreamPosition? At = null) : IWireMessage;

/// <summary>Router → guardian: every batch of the epoch up to <paramref name="Seq"/> is written (cumulative).</summary>
public sealed record SourceAlertsWritten(string Source, long Epoch, long Seq) : IWireMessage;

/// <summary>Guardian → router: the source ended and every alert of it is written; the router answers a finished <see cref="ResumePoint"/>.</summary>
public sealed record SourceCompleted(string Source, long Epoch) : IWireMessage;

/// <summary>The singleton manager → the router when its node hands the singleton over: write, flush, publish, stop.</summary>
public sealed record HandOverOutputs : Akka.Actor.INoSerializationVerificationNeeded
{
    public static readonly HandOverOutputs Instance = new();
}
