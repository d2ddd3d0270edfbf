using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Plugins.Isolation;

/// <summary>
/// A <see cref="HostMessage.Batch"/> body: the status of the last next_batch call, the event count, then each event
/// as number (uint64), timestamp (uint64), plugin id (uint32), payload length (int32) and payload. Whole batches
/// cross the pipe, never single events.
/// </summary>
internal static class HostBatchFormat
{
    /// <summary>Writes the events of <paramref name="batch"/> from <paramref name="first"/> on.</summary>
    public static void Write(HostFrameWriter writer, BatchStatus status, EventBatch batch, int first = 0)
    {
        writer.Begin(HostMessage.Batch);
        writer.WriteByte((byte)status);
        writer.WriteInt32(batch.Count - first);
        for (var i = first; i < batch.Count; i++)
        {
            var evt = batch[i];
            writer.WriteUInt64(evt.Num);
            writer.WriteUInt64(evt.TimestampNs);
            writer.WriteUInt32(evt.PluginId);
            writer.WriteInt32(evt.Payload.Length);
            writer.WriteBytes(evt.Payload.Span);
        }
    }

    /// <summary>Appends the frame's events to <paramref name="batch"/> and returns the status.</summary>
    public static BatchStatus Read(HostFrameReader reader, EventBatch batch)
    {
        var status = (BatchStatus)reader.ReadByte();
        if (!Enum.IsDefined(status))
        {
            throw new InvalidDataException($"a batch with the unknown status {(int)status}");
        }
        var count = reader.Count();
        for (var i = 0; i < count; i++)
        {
            var num = reader.ReadUInt64();
            var timestamp = reader.ReadUInt64();
            var pluginId = reader.ReadUInt32();
            batch.Add(num, timestamp, pluginId, reader.ReadBytes(reader.Count()));
        }
        return status;
    }
}
