using Akka.Actor;
using Akka.Serialization;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// Our serializer for every <see cref="IWireMessage"/>: compact binary, one short versioned manifest per message
/// type ("eb1" is version 1 of <see cref="EvaluateBatch"/>; a changed layout gets a new manifest and the old one
/// stays readable while nodes of both versions may meet). Actor references travel as their full paths and are
/// resolved by the receiving node's provider.
/// </summary>
public sealed class WireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Our serializer id (Akka reserves 0–100).</summary>
    public const int Id = 4711;

    /// <summary>The name it is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string Name = "falco-wire";

    public const string EvaluateBatchManifest = "eb1";
    public const string BatchDoneManifest = "bd1";
    public const string AlertBatchManifest = "ab1";

    private readonly ActorRefCache _actors = new(system.Provider);

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        EvaluateBatch => EvaluateBatchManifest,
        BatchDone => BatchDoneManifest,
        AlertBatch => AlertBatchManifest,
        _ => throw Unknown(o),
    };

    public override byte[] ToBinary(object obj)
    {
        if (obj is EvaluateBatch batch)
        {
            return ToBinary(batch);
        }
        using var writer = new WireWriter(1024);
        switch (obj)
        {
            case BatchDone m:
                writer.WriteString(m.Source);
                writer.WriteVarInt64(m.Seq);
                writer.WriteVarInt64(m.Events);
                writer.WriteVarInt64(m.Alerts);
                writer.WriteVarInt64(m.Errors);
                break;
            case AlertBatch m:
                writer.WriteString(m.Source);
                writer.WriteVarInt64(m.Seq);
                AlertFormat.Write(writer, m.Alerts);
                break;
            default:
                throw Unknown(obj);
        }
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

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new WireReader(bytes, manifest);
        object message = manifest switch
        {
            EvaluateBatchManifest => ReadEvaluateBatch(ref reader, bytes),
            BatchDoneManifest => new BatchDone(reader.ReadString(), reader.ReadVarInt64(), ReadInt(ref reader),
                ReadInt(ref reader), ReadInt(ref reader)),
            AlertBatchManifest => new AlertBatch(reader.ReadString(), reader.ReadVarInt64(), AlertFormat.Read(ref reader)),
            _ => throw new WireFormatException(
                $"unknown manifest '{manifest}' for {Name} (this node reads {EvaluateBatchManifest}, {BatchDoneManifest}, {AlertBatchManifest}): is a newer node in the cluster?"),
        };
        reader.ExpectEnd();
        return message;
    }

    private EvaluateBatch ReadEvaluateBatch(ref WireReader reader, byte[] bytes)
    {
        var entityId = reader.ReadString();
        var source = reader.ReadString();
        var seq = reader.ReadVarInt64();
        var outputs = ReadRef(ref reader);
        var replyTo = ReadRef(ref reader);
        return new EvaluateBatch(entityId, source, seq, EventBatchFormat.Read(ref reader, bytes), outputs, replyTo);
    }

    private static void WriteRef(WireWriter writer, IActorRef? actor) =>
        writer.WriteNullableString(actor is null || actor.IsNobody() ? null : Akka.Serialization.Serialization.SerializedActorPath(actor));

    private IActorRef ReadRef(ref WireReader reader) =>
        reader.ReadNullableString() is { } path ? _actors.Resolve(path) : ActorRefs.Nobody;

    private static int ReadInt(ref WireReader reader)
    {
        var value = reader.ReadVarInt64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw reader.Malformed($"{value} does not fit an int");
    }

    private static WireFormatException Unknown(object o) =>
        new($"{Name} cannot write a {o.GetType().FullName}: give it a manifest in {nameof(WireSerializer)}");
}
