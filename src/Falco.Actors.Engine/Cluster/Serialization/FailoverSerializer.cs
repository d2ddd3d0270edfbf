using Akka.Actor;
using Akka.Serialization;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// Our serializer for the <see cref="IFailoverMessage"/>s (source positions between the source singletons and the
/// output router, and draining the router from another node): compact binary in <see cref="WireWriter"/>'s
/// varints, one short versioned manifest per type, as <see cref="WireSerializer"/> does for the per-batch messages.
/// </summary>
public sealed class FailoverSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Our serializer id (next to <see cref="WireSerializer.Id"/>).</summary>
    public const int Id = 4712;

    public const string Name = "falco-failover";

    private const string ResumeRequestManifest = "rq1";
    // Version 2 of these two carries the plugin's stream position; version 1 (without it) is still read.
    private const string ResumePointManifest = "rp2";
    private const string SourceAlertsManifest = "sa2";
    private const string ResumePointManifestV1 = "rp1";
    private const string SourceAlertsManifestV1 = "sa1";
    private const string SourceAlertsWrittenManifest = "sw1";
    private const string SourceCompletedManifest = "sc1";
    private const string DrainOutputsManifest = "do1";
    private const string OutputsDrainedManifest = "od1";

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        ResumeRequest => ResumeRequestManifest,
        ResumePoint => ResumePointManifest,
        SourceAlerts => SourceAlertsManifest,
        SourceAlertsWritten => SourceAlertsWrittenManifest,
        SourceCompleted => SourceCompletedManifest,
        DrainOutputs => DrainOutputsManifest,
        OutputsDrained => OutputsDrainedManifest,
        _ => throw Unknown(o),
    };

    public override byte[] ToBinary(object obj)
    {
        using var writer = new WireWriter(obj is SourceAlerts ? 4096 : 64);
        switch (obj)
        {
            case ResumeRequest m:
                writer.WriteString(m.Source);
                writer.WriteVarInt64(m.Epoch);
                break;
            case ResumePoint m:
                writer.WriteString(m.Source);
                writer.WriteVarInt64(m.Epoch);
                writer.WriteVarUInt64(m.WrittenThrough);
                writer.WriteByte(m.Finished ? (byte)1 : (byte)0);
                WritePosition(writer, m.At);
                break;
            case SourceAlerts m:
                writer.WriteString(m.Source);
                writer.WriteVarInt64(m.Epoch);
                writer.WriteVarInt64(m.Seq);
                writer.WriteVarInt64(m.LowestUnwritten);
                writer.WriteVarUInt64(m.SafeThrough);
                WritePosition(writer, m.At);
                AlertFormat.Write(writer, m.Alerts);
                break;
            case SourceAlertsWritten m:
                writer.WriteString(m.Source);
                writer.WriteVarInt64(m.Epoch);
                writer.WriteVarInt64(m.Seq);
                break;
            case SourceCompleted m:
                writer.WriteString(m.Source);
                writer.WriteVarInt64(m.Epoch);
                break;
            case DrainOutputs or OutputsDrained:
                break;
            default:
                throw Unknown(obj);
        }
        return writer.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new WireReader(bytes, manifest);
        object message = manifest switch
        {
            ResumeRequestManifest => new ResumeRequest(reader.ReadString(), reader.ReadVarInt64()),
            ResumePointManifest => new ResumePoint(reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarUInt64(), ReadFlag(ref reader),
                ReadPosition(ref reader)),
            ResumePointManifestV1 => new ResumePoint(reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarUInt64(), ReadFlag(ref reader)),
            SourceAlertsManifest => ReadSourceAlerts(ref reader, withPosition: true),
            SourceAlertsManifestV1 => ReadSourceAlerts(ref reader, withPosition: false),
            SourceAlertsWrittenManifest => new SourceAlertsWritten(reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarInt64()),
            SourceCompletedManifest => new SourceCompleted(reader.ReadString(), reader.ReadVarInt64()),
            DrainOutputsManifest => new DrainOutputs(),
            OutputsDrainedManifest => new OutputsDrained(),
            _ => throw new WireFormatException($"unknown manifest '{manifest}' for {Name}: is a newer node in the cluster?"),
        };
        reader.ExpectEnd();
        return message;
    }

    private static SourceAlerts ReadSourceAlerts(ref WireReader reader, bool withPosition)
    {
        var (source, epoch, seq, lowest, safe) = (reader.ReadString(), reader.ReadVarInt64(), reader.ReadVarInt64(),
            reader.ReadVarInt64(), reader.ReadVarUInt64());
        var at = withPosition ? ReadPosition(ref reader) : null;
        return new SourceAlerts(source, epoch, seq, lowest, safe, AlertFormat.Read(ref reader), at);
    }

    /// <summary>A flag, then (when set) the event number and the plugin's text.</summary>
    private static void WritePosition(WireWriter writer, StreamPosition? at)
    {
        writer.WriteByte(at is null ? (byte)0 : (byte)1);
        if (at is not null)
        {
            writer.WriteVarUInt64(at.Through);
            writer.WriteString(at.Position);
        }
    }

    private static StreamPosition? ReadPosition(ref WireReader reader) =>
        ReadFlag(ref reader) ? new StreamPosition(reader.ReadVarUInt64(), reader.ReadString()) : null;

    private static bool ReadFlag(ref WireReader reader) => reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw reader.Malformed($"{b} is not a flag (0 or 1)"),
    };

    private static WireFormatException Unknown(object o) =>
        new($"{Name} cannot write a {o.GetType().FullName}: give it a manifest in {nameof(FailoverSerializer)}");
}
