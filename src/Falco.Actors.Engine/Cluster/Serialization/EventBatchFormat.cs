using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// An <see cref="EventBatch"/> on the wire: the event count and total payload bytes, then per event the number and
/// timestamp as zigzag deltas from the previous event's (numbers rise by one, timestamps by little: mostly 1–4 bytes),
/// the plugin id and payload length as varints, then every payload in one block, always last in the message.
/// A batch is hundreds of KB, so each side copies its payloads exactly once: the writer puts the (small) headers in a
/// pooled buffer and the payloads straight into the message array; the reader checks the headers, then reads them
/// again to fill the batch, whose buffer is the received message itself (the payload block is not copied).
/// </summary>
public static class EventBatchFormat
{
    /// <summary>Bytes to reserve for the headers of <paramref name="batch"/> (an upper bound in practice).</summary>
    public static int HeaderSizeHint(EventBatch batch) => batch.Count * 24 + 32;

    /// <summary>Writes the count, size and event headers; the payloads follow as <see cref="EventBatch.Payloads"/>.</summary>
    public static void WriteHeaders(WireWriter writer, EventBatch batch)
    {
        writer.WriteVarUInt64((ulong)batch.Count);
        writer.WriteVarUInt64((ulong)batch.PayloadBytes);
        ulong num = 0, timestamp = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var evt = batch[i];
            writer.WriteVarInt64(unchecked((long)(evt.Num - num)));
            writer.WriteVarInt64(unchecked((long)(evt.TimestampNs - timestamp)));
            writer.WriteVarUInt64(evt.PluginId);
            writer.WriteVarUInt64((ulong)evt.Payload.Length);
            num = evt.Num;
            timestamp = evt.TimestampNs;
        }
    }

    /// <summary>
    /// Reads a batch from <paramref name="reader"/>, a reader over the whole of <paramref name="message"/>: the batch
    /// keeps <paramref name="message"/> as its buffer (Akka hands each received message's array to one reader).
    /// </summary>
    public static EventBatch Read(ref WireReader reader, byte[] message)
    {
        var count = reader.ReadCount("the event count");
        var payloadBytes = reader.ReadCount("the payload size");
        // Each event takes at least 4 header bytes: a count the message cannot hold is malformed, not an allocation.
        if (count > reader.Remaining / 4 || payloadBytes > reader.Remaining)
        {
            throw reader.Malformed($"{count} events of {payloadBytes} payload bytes do not fit in the message");
        }
        // First pass over a copy of the reader: check every header, so nothing is allocated for a malformed message.
        var scan = reader;
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            scan.ReadVarInt64();
            scan.ReadVarInt64();
            ReadPluginId(ref scan);
            total += scan.ReadCount("a payload length");
        }
        if (total != payloadBytes)
        {
            throw scan.Malformed($"the payload lengths add up to {total} bytes, the batch says {payloadBytes}");
        }
        var batch = EventBatch.Over(message, scan.Position, count);
        scan.ReadBytes(payloadBytes);
        ulong num = 0, timestamp = 0;
        for (var i = 0; i < count; i++)
        {
            num = unchecked(num + (ulong)reader.ReadVarInt64());
            timestamp = unchecked(timestamp + (ulong)reader.ReadVarInt64());
            var pluginId = ReadPluginId(ref reader);
            batch.AddInPlace(num, timestamp, pluginId, reader.ReadCount("a payload length"));
        }
        reader = scan;
        return batch;
    }

    private static uint ReadPluginId(ref WireReader reader)
    {
        var pluginId = reader.ReadVarUInt64();
        return pluginId <= uint.MaxValue ? (uint)pluginId : throw reader.Malformed($"plugin id {pluginId} is out of range");
    }
}
