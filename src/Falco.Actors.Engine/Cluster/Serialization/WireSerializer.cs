using System.Collections.Frozen;
using Akka.Actor;
using Akka.Serialization;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// Our serializer for every <see cref="IWireMessage"/>, the one binding for what crosses nodes (as Akka's
/// <c>ClusterShardingMessageSerializer</c> is for sharding): compact binary in <see cref="WireWriter"/>'s varints, one
/// short versioned manifest per message layout in one table, one writer and one reader per message; what several
/// messages share is a format of its own (<see cref="EventBatchFormat"/>, <see cref="AlertFormat"/>,
/// <see cref="StreamPositionFormat"/>). A changed layout gets a new manifest and the old one stays readable while
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
    // Read only: the same two messages without the plugin's stream position, as nodes of the previous version write them.
    public const string ResumePointV1Manifest = "rp1";
    public const string SourceAlertsV1Manifest = "sa1";

    private delegate object Reader(ref WireReader reader, byte[] message);

    private readonly ActorRefCache _actors;
    private readonly FrozenDictionary<string, Reader> _readers;

    public WireSerializer(ExtendedActorSystem system) : base(system)
    {
        _actors = new ActorRefCache(system.Provider);
        _readers = new Dictionary<string, Reader>
        {
            [EvaluateBatchManifest] = ReadEvaluateBatch,
            [BatchDoneManifest] = ReadBatchDone,
            [AlertBatchManifest] = ReadAlertBatch,
            [ResumeRequestManifest] = ReadResumeRequest,
            [ResumePointManifest] = ReadResumePoint,
            [SourceAlertsManifest] = ReadSourceAlerts,
            [SourceAlertsWrittenManifest] = ReadSourceAlertsWritten,
            [SourceCompletedManifest] = ReadSourceCompleted,
            [DrainOutputsManifest] = static (ref _, _) => new DrainOutputs(),
            [OutputsDrainedManifest] = static (ref _, _) => new OutputsDrained(),
            [ResumePointV1Manifest] = ReadResumePointV1,
            [SourceAlertsV1Manifest] = ReadSourceAlertsV1,
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        EvaluateBatch => EvaluateBatchManifest,
        BatchDone => BatchDoneManifest,
        AlertBatch => AlertBatchManifest,
        ResumeRequest => ResumeRequestManifest,
        ResumePoint => ResumePointManifest,
        SourceAlerts => SourceAlertsManifest,
        SourceAlertsWritten => SourceAlertsWrittenManifest,
        SourceCompleted => SourceCompletedManifest,
        DrainOutputs => DrainOutputsManifest,
        OutputsDrained => OutputsDrainedManifest,
        _ => throw Unknown(o),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        EvaluateBatch m => ToBinary(m),
        BatchDone m => Write(m, 64, WriteBatchDone),
        AlertBatch m => Write(m, 1024, WriteAlertBatch),
        ResumeRequest m => Write(m, 64, WriteResumeRequest),
        ResumePoint m => Write(m, 256, WriteResumePoint),
        SourceAlerts m => Write(m, 4096, WriteSourceAlerts),
        SourceAlertsWritten m => Write(m, 64, WriteSourceAlertsWritten),
        SourceCompleted m => Write(m, 64, WriteSourceCompleted),
        DrainOutputs or OutputsDrained => [],
        _ => throw Unknown(obj),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!_readers.TryGetValue(manifest, out var read))
        {
            throw new WireFormatException(
                $"unknown manifest '{manifest}' for {Name} (this node reads {string.Join(", ", _readers.Keys.Order(StringComparer.Ordinal))}): is a newer node in the cluster?");
        }
        var reader = new WireReader(bytes, manifest);
        var message = read(ref reader, bytes);
        reader.ExpectEnd();
        return message;
    }

    private static byte[] Write<T>(T message, int sizeHint, Action<WireWriter, T> write)
    {
        using var writer = new WireWriter(sizeHint);
        write(writer, message);
        return writer.ToArray();
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

    private static void WriteBatchDone(WireWriter writer, BatchDone m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Seq);
        writer.WriteVarInt64(m.Events);
        writer.WriteVarInt64(m.Alerts);
        writer.WriteVarInt64(m.Errors);
    }

    private static BatchDone ReadBatchDone(ref WireReader reader, byte[] _) =>
        new(reader.ReadString(), reader.ReadVarInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());

    private static void WriteAlertBatch(WireWriter writer, AlertBatch m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Seq);
        AlertFormat.Write(writer, m.Alerts);
    }

    private static AlertBatch ReadAlertBatch(ref WireReader reader, byte[] _) =>
        new(reader.ReadString(), reader.ReadVarInt64(), AlertFormat.Read(ref reader));

    private static void WriteResumeRequest(WireWriter writer, ResumeRequest m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Epoch);
    }

    private static ResumeRequest ReadResumeRequest(ref WireReader reader, byte[] _) => new(reader.ReadString(), reader.ReadVarInt64());

    private static void WriteResumePoint(WireWriter writer, ResumePoint m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Epoch);
        writer.WriteVarUInt64(m.WrittenThrough);
        writer.WriteBoolean(m.Finished);
        StreamPositionFormat.Write(writer, m.At);
    }

    private static ResumePoint ReadResumePoint(ref WireReader reader, byte[] _) =>
        new(reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarUInt64(), reader.ReadBoolean(), StreamPositionFormat.Read(ref reader));

    private static ResumePoint ReadResumePointV1(ref WireReader reader, byte[] _) =>
        new(reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarUInt64(), reader.ReadBoolean());

    private static void WriteSourceAlerts(WireWriter writer, SourceAlerts m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Epoch);
        writer.WriteVarInt64(m.Seq);
        writer.WriteVarInt64(m.LowestUnwritten);
        writer.WriteVarUInt64(m.SafeThrough);
        StreamPositionFormat.Write(writer, m.At);
        AlertFormat.Write(writer, m.Alerts);
    }

    private static SourceAlerts ReadSourceAlerts(ref WireReader reader, byte[] _) => ReadSourceAlerts(ref reader, withPosition: true);

    private static SourceAlerts ReadSourceAlertsV1(ref WireReader reader, byte[] _) => ReadSourceAlerts(ref reader, withPosition: false);

    private static SourceAlerts ReadSourceAlerts(ref WireReader reader, bool withPosition)
    {
        var (source, epoch, seq, lowest, safe) = (reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarInt64(),
            reader.ReadVarInt64(), reader.ReadVarUInt64());
        var at = withPosition ? StreamPositionFormat.Read(ref reader) : null;
        return new SourceAlerts(source, epoch, seq, lowest, safe, AlertFormat.Read(ref reader), at);
    }

    private static void WriteSourceAlertsWritten(WireWriter writer, SourceAlertsWritten m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Epoch);
        writer.WriteVarInt64(m.Seq);
    }

    private static SourceAlertsWritten ReadSourceAlertsWritten(ref WireReader reader, byte[] _) =>
        new(reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarInt64());

    private static void WriteSourceCompleted(WireWriter writer, SourceCompleted m)
    {
        writer.WriteString(m.Source);
        writer.WriteVarInt64(m.Epoch);
    }

    private static SourceCompleted ReadSourceCompleted(ref WireReader reader, byte[] _) => new(reader.ReadString(), reader.ReadVarInt64());

    private static void WriteRef(WireWriter writer, IActorRef? actor) =>
        writer.WriteNullableString(actor is null || actor.IsNobody() ? null : Akka.Serialization.Serialization.SerializedActorPath(actor));

    private IActorRef ReadRef(ref WireReader reader) =>
        reader.ReadNullableString() is { } path ? _actors.Resolve(path) : ActorRefs.Nobody;

    private static WireFormatException Unknown(object o) =>
        new($"{Name} cannot write a {o.GetType().FullName}: give it a manifest, a writer and a reader in {nameof(WireSerializer)}");
}
