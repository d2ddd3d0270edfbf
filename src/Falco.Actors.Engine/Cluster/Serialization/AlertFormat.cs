using Falco.Actors.Engine.Outputs;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// A list of <see cref="FormattedAlert"/>s on the wire. Rule names, sources and tags repeat from alert to alert, so
/// each is written once per message and referred to by index afterwards (<see cref="StringTable"/>); the text and
/// JSON are written as they are; timestamps are zigzag deltas from the previous alert's.
/// </summary>
public static class AlertFormat
{
    public static void Write(WireWriter writer, IReadOnlyList<FormattedAlert> alerts)
    {
        writer.WriteVarUInt64((ulong)alerts.Count);
        var table = new StringTable.Writing();
        ulong timestamp = 0;
        foreach (var alert in alerts)
        {
            table.Write(writer, alert.Rule);
            writer.WriteByte((byte)alert.Priority);
            table.Write(writer, alert.Source);
            writer.WriteVarUInt64((ulong)alert.Tags.Count);
            foreach (var tag in alert.Tags)
            {
                table.Write(writer, tag);
            }
            writer.WriteVarInt64(unchecked((long)(alert.TimestampNs - timestamp)));
            timestamp = alert.TimestampNs;
            writer.WriteString(alert.Text);
            writer.WriteNullableString(alert.Json);
        }
    }

    public static IReadOnlyList<FormattedAlert> Read(ref WireReader reader)
    {
        var count = reader.ReadCount("the alert count");
        if (count > reader.Remaining)
        {
            throw reader.Malformed($"{count} alerts do not fit in the message");
        }
        var alerts = new FormattedAlert[count];
        var table = new StringTable.Reading();
        ulong timestamp = 0;
        for (var i = 0; i < count; i++)
        {
            var rule = table.Read(ref reader);
            var priority = reader.ReadByte();
            if (!Enum.IsDefined((Priority)priority))
            {
                throw reader.Malformed($"priority {priority} is not a priority");
            }
            var source = table.Read(ref reader);
            var tagCount = reader.ReadCount("a tag count");
            if (tagCount > reader.Remaining)
            {
                throw reader.Malformed($"{tagCount} tags do not fit in the message");
            }
            var tags = tagCount == 0 ? [] : new string[tagCount];
            for (var t = 0; t < tagCount; t++)
            {
                tags[t] = table.Read(ref reader);
            }
            timestamp = unchecked(timestamp + (ulong)reader.ReadVarInt64());
            var text = reader.ReadString();
            var json = reader.ReadNullableString();
            alerts[i] = new FormattedAlert(rule, (Priority)priority, source, tags, timestamp, text, json);
        }
        return alerts;
    }
}
