using Akka.Actor;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Sources;

// Messages between a source's guardian (stable, keeps the progress) and its session actor (re-created on failure).
// All stay on one node: a source and its guardian always live together (so none is ever serialized).

/// <summary>Session → guardian: a new session is open; answer <see cref="ResumeFrom"/>.</summary>
public sealed record SessionStarted : INoSerializationVerificationNeeded;

/// <summary>
/// Guardian → session: skip every event numbered up to <paramref name="SkipThrough"/> (already accepted by an
/// earlier session) and start with <paramref name="Credits"/> batches allowed in flight. <paramref name="At"/>, when
/// known, is a place at or before <paramref name="SkipThrough"/> where a resumable plugin continues without reading
/// what came before it.
/// </summary>
public sealed record ResumeFrom(ulong SkipThrough, int Credits, StreamPosition? At = null) : INoSerializationVerificationNeeded;

/// <summary>
/// Session → guardian: a full (or timed-out, or last) batch for a partition; its events are now accepted. Every event
/// numbered up to <paramref name="SafeThrough"/> is in this batch or an earlier one (with a partition key, events of
/// other partitions still waiting in the session's open batches keep it below the batch's last event).
/// <paramref name="At"/> is where the plugin's stream stood after that event, when the plugin can say
/// (<see cref="Falco.Actors.Plugins.Abstractions.IResumableSession"/>).
/// </summary>
public sealed record BatchReady(EventBatch Batch, int Partition, ulong SafeThrough, StreamPosition? At = null) : INoSerializationVerificationNeeded;

/// <summary>Guardian → session: a batch was evaluated; one more may be sent. Carries a batch to reuse, if any.</summary>
public sealed record Credit(EventBatch? Recycled) : INoSerializationVerificationNeeded;

/// <summary>
/// Session → guardian: <paramref name="Count"/> events read again and skipped (numbered up to <see cref="ResumeFrom.SkipThrough"/>),
/// sent once the session is past them.
/// </summary>
public sealed record EventsReplayed(ulong Count) : INoSerializationVerificationNeeded;

/// <summary>
/// Session → guardian: its plugin state's metrics that changed since its last reading (monotonic ones as what they grew
/// by, see <see cref="PluginMetricDeltas"/>), read from time to time and when the session ends.
/// </summary>
public sealed record PluginMetricsRead(IReadOnlyList<Falco.Actors.Plugins.Abstractions.PluginMetric> Changes) : INoSerializationVerificationNeeded;

/// <summary>Session → guardian: the stream ended (EOF) or was stopped, and every batch has been handed over.</summary>
public sealed record SessionEnded(bool Eof) : INoSerializationVerificationNeeded;

/// <summary>Guardian → session: stop pulling, hand over what is batched, close.</summary>
public sealed record StopPulling : INoSerializationVerificationNeeded;

/// <summary>The session's own pull tick.</summary>
internal sealed record Pull : INoSerializationVerificationNeeded
{
    public static readonly Pull Instance = new();
}
