using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Serialization;

/// <summary>
/// An <see cref="EventBatch"/> on the wire: the event count and total payload bytes, then per event the number and
/// timestamp as zigzag deltas from the previous event's (numbers rise by one, timestamps by little: mostly 1–4 bytes),
/// the plugin id and payload length as varints, then every payload in one block. Read back into one buffer.
/// </summary>
public static class EventBatchFormat
{
    /// <summary>Bytes to reserve for <paramref name="batch"/> (an upper bound in practice).</summary>
    public static int SizeHint(EventBatch batch) => batch.PayloadBytes + batch.Count * 24 + 16;

    public static void Write(WireWriter writer, EventBatch batch)
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
        for (var i = 0; i < batch.Count; i++)
        {
            var payload = batch[i].Payload.Span;
            payload.CopyTo(writer.GetSpan(payload.Length));
            writer.Advance(payload.Length);
        }
    }

    public static EventBatch Read(ref WireReader reader)
    {
        var count = reader.ReadCount("the event count");
        var payloadBytes = reader.ReadCount("the payload size");
        // Each event takes at least 4 header bytes: a count the message cannot hold is malformed, not an allocation.
        if (count > reader.Remaining / 4 || payloadBytes > reader.Remaining)
        {
            throw reader.Malformed($"{count} events of {payloadBytes} payload bytes do not fit in the message");
        }
        var nums = new ulong[count];
        var timestamps = new ulong[count];
        var pluginIds = new uint[count];
        var lengths = new int[count];
        ulong num = 0, timestamp = 0;
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            num = unchecked(num + (ulong)reader.ReadVarInt64());
            timestamp = unchecked(timestamp + (ulong)reader.ReadVarInt64());
            nums[i] = num;
            timestamps[i] = timestamp;
            var pluginId = reader.ReadVarUInt64();
            pluginIds[i] = pluginId <= uint.MaxValue ? (uint)pluginId : throw reader.Malformed($"plugin id {pluginId} is out of range");
            lengths[i] = reader.ReadCount("a payload length");
            total += lengths[i];
        }
        if (total != payloadBytes)
        {
            throw reader.Malformed($"the payload lengths add up to {total} bytes, the batch says {payloadBytes}");
        }
        var block = reader.ReadBytes(payloadBytes);
        var batch = new EventBatch(count, payloadBytes);
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            block.Slice(offset, lengths[i]).CopyTo(batch.Add(nums[i], timestamps[i], pluginIds[i], lengths[i]));
            offset += lengths[i];
        }
        return batch;
    }
}
