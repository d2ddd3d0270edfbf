using Akka.Actor;
using Akka.Serialization;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// Our serializer for every <see cref="IWireMessage"/>, the one binding for what crosses nodes (as Akka's
/// <c>ClusterShardingMessageSerializer</c> is for sharding): compact binary in <see cref="WireWriter"/>'s varints, one
/// short versioned manifest per message layout in one table (<see cref="Manifests"/>), one writer and one reader
/// per message; what several messages share is a format of its own (<see cref="EventBatchFormat"/>,
/// <see cref="AlertFormat"/>, <see cref="StreamPositionFormat"/>). A changed layout gets a new manifest and the old one stays readable while
/// nodes of both versions may meet. Actor references travel as their full paths and are resolved by the receiving
/// node's provider.
/// </summary>
public sealed class WireSerializer : SerializerWithStringManifest
{
    /// <summary>Our serializer id (Akka reserves 0–100).</summary>
    public const int Id = 4711;

    /// <summary>The name it is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string Name = "falco-wire";

    // The manifest table. Per batch: evaluation (source → evaluator → the batch's outputs).
    public const string EvaluateBatchManifest = "eb1";
    public const string BatchDoneManifest = "bd1";
    public const string AlertBatchManifest = "ab1";
    // Source fail-over (guardian singleton ↔ router singleton) and draining the router from another node.
    public const string ResumeRequestManifest = "rq1";
    public const string ResumePointManifest = "rp2";
    public const string SourceAlertsManifest = "sa2";
    public const string SourceAlertsWrittenManifest = "sw1";
    public const string SourceCompletedManifest = "sc1";
    public const string DrainOutputsManifest = "do1";
    public const string OutputsDrainedManifest = "od1";
    // Hot reload (a node tells every member's coordinator) and reopening the outputs on the router's node.
    public const string ReloadRulesManifest = "rr1";
    public const string ReopenOutputsManifest = "ro1";
    public const string InternalAlertsManifest = "ia1";
    // Read only: the same two messages without the plugin's stream position, as nodes of the previous version write them.
    public const string ResumePointV1Manifest = "rp1";
    public const string SourceAlertsV1Manifest = "sa1";

    /// <summary>Every manifest this node reads (named when a message of another is refused).</summary>
    public static readonly IReadOnlyList<string> Manifests =
    [
        EvaluateBatchManifest, BatchDoneManifest, AlertBatchManifest, ResumeRequestManifest, ResumePointManifest, SourceAlertsManifest,
        SourceAlertsWrittenManifest, SourceCompletedManifest, DrainOutputsManifest, OutputsDrainedManifest, ResumePointV1Manifest,
        SourceAlertsV1Manifest, ReloadRulesManifest, ReopenOutputsManifest, InternalAlertsManifest,
    ];

    private readonly ActorRefCache _actors;

    public WireSerializer(ExtendedActorSystem system) : base(system) => _actors = new ActorRefCache(system.Provider);

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        EvaluateBatch => EvaluateBatchManifest,
        BatchDone => BatchDoneManifest,
        AlertBatch => AlertBatchManifest,
        InternalAlerts => InternalAlertsManifest,
        ResumeRequest => ResumeRequestManifest,
        ResumePoint => ResumePointManifest,
        SourceAlerts => SourceAlertsManifest,
        SourceAlertsWritten => SourceAlertsWrittenManifest,
        SourceCompleted => SourceCompletedManifest,
        DrainOutputs => DrainOutputsManifest,
        OutputsDrained => OutputsDrainedManifest,
        ReloadRules => ReloadRulesManifest,
        ReopenOutputs => ReopenOutputsManifest,
        _ => throw Unknown(o),
    };

    public override byte[] ToBinary(object obj)
    {
        if (obj is EvaluateBatch batch)
        {
            return ToBinary(batch);
        }
        using var writer = new WireWriter(obj switch { SourceAlerts => 4096, AlertBatch => 1024, _ => 64 });
        switch (obj)
        {
            case BatchDone m: Write(writer, m); break;
            case AlertBatch m: Write(writer, m); break;
            case InternalAlerts m: AlertFormat.Write(writer, m.Alerts); break;
            case ResumeRequest m: Write(writer, m); break;
            case ResumePoint m: Write(writer, m); break;
            case SourceAlerts m: Write(writer, m); break;
            case SourceAlertsWritten m: Write(writer, m); break;
            case SourceCompleted m: Write(writer, m); break;
            case ReloadRules m: writer.WriteVarInt64(m.Generation); break;
            case DrainOutputs or OutputsDrained or ReopenOutputs: break;
            default: throw Unknown(obj);
        }
        return writer.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new WireReader(bytes, manifest);
        object message = manifest switch
        {
            EvaluateBatchManifest => ReadEvaluateBatch(ref reader, bytes),
            BatchDoneManifest => ReadBatchDone(ref reader),
            AlertBatchManifest => ReadAlertBatch(ref reader),
            InternalAlertsManifest => new InternalAlerts(AlertFormat.Read(ref reader)),
            ResumeRequestManifest => ReadResumeRequest(ref reader),
            ResumePointManifest => ReadResumePoint(ref reader, withPosition: true),
            SourceAlertsManifest => ReadSourceAlerts(ref reader, withPosition: true),
            SourceAlertsWrittenManifest => ReadSourceAlertsWritten(ref reader),
            SourceCompletedManifest => ReadSourceCompleted(ref reader),
            DrainOutputsManifest => new DrainOutputs(),
            OutputsDrainedManifest => new OutputsDrained(),
            ReloadRulesManifest => new ReloadRules(reader.ReadVarInt64()),
            ReopenOutputsManifest => ReopenOutputs.Instance,
            ResumePointV1Manifest => ReadResumePoint(ref reader, withPosition: false),
            SourceAlertsV1Manifest => ReadSourceAlerts(ref reader, withPosition: false),
            _ => throw UnknownManifest(manifest),
        };
        reader.ExpectEnd();
        return message;
    }

    /// <summary>
    /// The envelope and event headers go to a pooled buffer, then into the message array (allocated once, exactly
    /// sized, not zeroed) followed by the payloads copied straight from the batch: one copy of the payload bytes.
    /// </summary>
    private static byte[] ToBinary(EvaluateBatch m)
    {
        using var head = new WireWriter(EventBatchFormat.HeaderSizeHint(m.Batch) + 512);
        head.WriteString(m.EntityId);
        head.WriteString(m.Source);
        head.WriteVarInt64(m.Seq);
        WriteRef(head, m.Outputs);
        WriteRef(head, m.ReplyTo);
        EventBatchFormat.WriteHeaders(head, m.Batch);
        var bytes = GC.AllocateUninitializedArray<byte>(head.Length + m.Batch.PayloadBytes);
        head.Written.CopyTo(bytes);
        m.Batch.Payloads.CopyTo(bytes.AsSpan(head.Length));
        return bytes;
    }

    private EvaluateBatch ReadEvaluateBatch(ref WireReader reader, byte[] message)
    {
        var entityId = reader.ReadString();
        var source = reader.ReadString();
        var seq = reader.ReadVarInt64();
        var outputs = ReadRef(ref reader);
        var replyTo = ReadRef(ref reader);
        return new EvaluateBatch(entityId, source, seq, EventBatchFormat.Read(ref reader, message), outputs, replyTo);
    }

    private static void Write(WireWriter writer, BatchDone m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Seq);
        writer.WriteVarInt64(m.Events);
        writer.WriteVarInt64(m.Alerts);
        writer.WriteVarInt64(m.Errors);
    }

    private static BatchDone ReadBatchDone(ref WireReader reader) =>
        new(reader.ReadString(), reader.ReadVarInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());

    private static void Write(WireWriter writer, AlertBatch m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Seq);
        AlertFormat.Write(writer, m.Alerts);
    }

    private static AlertBatch ReadAlertBatch(ref WireReader reader) =>
        new(reader.ReadString(), reader.ReadVarInt64(), AlertFormat.Read(ref reader));

    private static void Write(WireWriter writer, ResumeRequest m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Epoch);
    }

    private static ResumeRequest ReadResumeRequest(ref WireReader reader) => new(reader.ReadString(), reader.ReadVarInt64());

    private static void Write(WireWriter writer, ResumePoint m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Epoch);
        writer.WriteVarUInt64(m.WrittenThrough);
        writer.WriteBoolean(m.Finished);
        StreamPositionFormat.Write(writer, m.At);
    }

    /// <summary>Version 1 (<see cref="ResumePointV1Manifest"/>) ends before the position.</summary>
    private static ResumePoint ReadResumePoint(ref WireReader reader, bool withPosition) =>
        new(reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarUInt64(), reader.ReadBoolean(),
            withPosition ? StreamPositionFormat.Read(ref reader) : null);

    private static void Write(WireWriter writer, SourceAlerts m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Epoch);
        writer.WriteVarInt64(m.Seq);
        writer.WriteVarInt64(m.LowestUnwritten);
        writer.WriteVarUInt64(m.SafeThrough);
        StreamPositionFormat.Write(writer, m.At);
        AlertFormat.Write(writer, m.Alerts);
    }

    /// <summary>Version 1 (<see cref="SourceAlertsV1Manifest"/>) has no position before the alerts.</summary>
    private static SourceAlerts ReadSourceAlerts(ref WireReader reader, bool withPosition)
    {
        var (source, epoch, seq, lowest, safe) = (reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarInt64(),
            reader.ReadVarInt64(), reader.ReadVarUInt64());
        var at = withPosition ? StreamPositionFormat.Read(ref reader) : null;
        return new SourceAlerts(source, epoch, seq, lowest, safe, AlertFormat.Read(ref reader), at);
    }

    private static void Write(WireWriter writer, SourceAlertsWritten m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Epoch);
        writer.WriteVarInt64(m.Seq);
    }

    private static SourceAlertsWritten ReadSourceAlertsWritten(ref WireReader reader) =>
        new(reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarInt64());

    private static void Write(WireWriter writer, SourceCompleted m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Epoch);
    }

    private static SourceCompleted ReadSourceCompleted(ref WireReader reader) => new(reader.ReadString(), reader.ReadVarInt64());

    private static void WriteRef(WireWriter writer, IActorRef? actor) =>
        writer.WriteNullableString(actor is null || actor.IsNobody() ? null : Akka.Serialization.Serialization.SerializedActorPath(actor));

    private IActorRef ReadRef(ref WireReader reader) =>
        reader.ReadNullableString() is { } path ? _actors.Resolve(path) : ActorRefs.Nobody;

    private static WireFormatException UnknownManifest(string manifest) =>
        new($"unknown manifest '{manifest}' for {Name} (this node reads {string.Join(", ", Manifests.Order(StringComparer.Ordinal))}): is a newer node in the cluster?");

    private static WireFormatException Unknown(object o) =>
        new($"{Name} cannot write a {o.GetType().FullName}: give it a manifest, a writer and a reader in {nameof(WireSerializer)}");
}
