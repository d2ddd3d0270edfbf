using Akka.Actor;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Outputs.Sinks;

// AlertBatch crosses nodes (evaluator → the batch's outputs: the router, or in a cluster the source's guardian), and
// DrainOutputs/OutputsDrained (a source node drains the router singleton); the rest stay on one node.

namespace Falco.Actors.Engine.Outputs;

/// <summary>The alerts of one evaluated batch (possibly none): exactly one per batch, so the router can keep order.</summary>
public sealed record AlertBatch(string Source, long Seq, IReadOnlyList<FormattedAlert> Alerts) : IWireMessage;

/// <summary>Ask the router to write everything it holds, flush every output and answer <see cref="OutputsDrained"/>.</summary>
public sealed record DrainOutputs : IWireMessage;

public sealed record OutputsDrained : IWireMessage;

/// <summary>
/// Published on the event stream when an output's backlog crosses its high-water mark (busy) and when every backlog
/// is back under the low-water mark: sources hold their credits while outputs are busy.
/// </summary>
public sealed record OutputPressure(bool Busy) : INoSerializationVerificationNeeded;

/// <summary>Router → sink: alerts to write, in this order.</summary>
public sealed record WriteAlerts(IReadOnlyList<FormattedAlert> Alerts) : INoSerializationVerificationNeeded;

/// <summary>
/// Sink → router: a <see cref="WriteAlerts"/> is done (delivered or given up, each counted); <paramref name="Length"/>
/// is the file output's length after it (-1 for the other outputs).
/// </summary>
public sealed record AlertsWritten(string Output, int Count, long Length = -1) : INoSerializationVerificationNeeded;

/// <summary>Router → sink: flush and answer <see cref="SinkFlushed"/>.</summary>
public sealed record FlushSink : INoSerializationVerificationNeeded;

public sealed record SinkFlushed : INoSerializationVerificationNeeded;
