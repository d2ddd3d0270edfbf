using Akka.Actor;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Outputs.Sinks;

// AlertBatch crosses nodes (evaluator → the batch's outputs: the router, or in a cluster the source's guardian),
// InternalAlerts (a node → the router), and
// DrainOutputs/OutputsDrained (a source node drains the router singleton); the rest stay on one node.

namespace Falco.Actors.Engine.Outputs;

/// <summary>The alerts of one evaluated batch (possibly none): exactly one per batch, so the router can keep order.</summary>
public sealed record AlertBatch(string Source, long Seq, IReadOnlyList<FormattedAlert> Alerts) : IWireMessage;

/// <summary>
/// Alerts the engine raises itself (Falco's <c>internal</c> source: the metrics snapshot), written to every output as
/// they come, outside any source's batch order and the alert rate limit. Crosses nodes: a node's snapshot goes to the
/// router singleton wherever it runs.
/// </summary>
public sealed record InternalAlerts(IReadOnlyList<FormattedAlert> Alerts) : IWireMessage;

/// <summary>Ask the router to write everything it holds, flush every output and answer <see cref="OutputsDrained"/>.</summary>
public sealed record DrainOutputs : IWireMessage;

public sealed record OutputsDrained : IWireMessage;

/// <summary>
/// Published on the event stream when a healthy output's queue passes half full (busy) and when no output holds any
/// more (<see cref="OutputPressureGauge"/>): sources hold their credits while busy.
/// </summary>
public sealed record OutputPressure(bool Busy) : INoSerializationVerificationNeeded;

/// <summary>
/// Sink → router: the output starts holding the sources (healthy, its queue past half full) or stops (under a quarter,
/// or failing: a failing output drops instead of holding).
/// </summary>
public sealed record OutputHolding(string Output, bool Holding) : INoSerializationVerificationNeeded;

/// <summary>A sink actor's own: an attempt of its output failed (raised on the writing task), so it holds nothing now.</summary>
public sealed record AttemptFailed : INoSerializationVerificationNeeded
{
    public static readonly AttemptFailed Instance = new();
}

/// <summary>
/// Ask the router to reopen every output (Falco's SIGUSR1, for log rotation: <see cref="Sinks.IAlertSink.ReopenAsync"/>).
/// In a cluster it goes, through the router's proxy, to the node the router runs on.
/// </summary>
public sealed record ReopenOutputs : IWireMessage
{
    public static readonly ReopenOutputs Instance = new();
}

/// <summary>Router → sink: reopen the output between two writes (what was sent before is written before it).</summary>
public sealed record ReopenSink : INoSerializationVerificationNeeded
{
    public static readonly ReopenSink Instance = new();
}

/// <summary>A sink actor's own: its reopen ended (<paramref name="Error"/> when it failed).</summary>
public sealed record SinkReopened(string? Error) : INoSerializationVerificationNeeded;

/// <summary>Router → sink: alerts to write, in this order.</summary>
public sealed record WriteAlerts(IReadOnlyList<FormattedAlert> Alerts) : INoSerializationVerificationNeeded;

/// <summary>
/// Sink → router, when written positions are kept: the output has written (or counted as lost) every alert it was
/// sent up to number <paramref name="Through"/> (counting from 1 over the run), and flushed them;
/// <paramref name="Length"/> is the file output's length then (-1 for the other outputs).
/// </summary>
public sealed record AlertsWritten(string Output, long Through, long Length = -1) : INoSerializationVerificationNeeded;

/// <summary>
/// Router → sink: write everything queued (discarding it, counted, once the output fails), flush, and answer
/// <see cref="SinkFlushed"/>.
/// </summary>
public sealed record FlushSink : INoSerializationVerificationNeeded;

public sealed record SinkFlushed : INoSerializationVerificationNeeded;

/// <summary>
/// A sink actor's own: a chunk of its queue was written. <paramref name="GaveUp"/> alerts were given up,
/// <paramref name="Unattempted"/> were not tried (the run is ending and the output is stuck), <paramref name="Retried"/>
/// attempts failed and were retried; <paramref name="GivenUpInARow"/>: the alerts given up since the last one written.
/// </summary>
public sealed record ChunkWritten(int Written, int GaveUp, int Unattempted, long Retried, int GivenUpInARow, string? LastError)
    : INoSerializationVerificationNeeded;

/// <summary>A sink actor's own: its flush ended (<paramref name="Error"/> when it failed).</summary>
public sealed record FlushDone(string? Error) : INoSerializationVerificationNeeded;
