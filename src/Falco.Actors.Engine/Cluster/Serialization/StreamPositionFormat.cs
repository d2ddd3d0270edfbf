using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// A plugin's <see cref="StreamPosition"/> that may be absent (the plugin cannot say): a flag, then the event number
/// and the plugin's text.
/// </summary>
public static class StreamPositionFormat
{
    public static void Write(WireWriter writer, StreamPosition? at)
    {
        writer.WriteBoolean(at is not null);
        if (at is not null)
        {
            writer.WriteVarUInt64(at.Through);
            writer.WriteString(at.Position);
        }
    }

    public static StreamPosition? Read(ref WireReader reader) =>
        reader.ReadBoolean() ? new StreamPosition(reader.ReadVarUInt64(), reader.ReadString()) : null;
}
