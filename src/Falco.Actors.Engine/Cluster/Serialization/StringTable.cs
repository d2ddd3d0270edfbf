namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// Strings that repeat within one message: the first time a string is written in full (varint 0, then the string),
/// afterwards as its index + 1 in the order of first appearance.
/// </summary>
public static class StringTable
{
    public sealed class Writing
    {
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

        public void Write(WireWriter writer, string value)
        {
            if (_indexes.TryGetValue(value, out var index))
            {
                writer.WriteVarUInt64((ulong)index + 1);
                return;
            }
            _indexes[value] = _indexes.Count;
            writer.WriteByte(0);
            writer.WriteString(value);
        }
    }

    public sealed class Reading
    {
        private readonly List<string> _strings = [];

        public string Read(ref WireReader reader)
        {
            var reference = reader.ReadVarUInt64();
            if (reference == 0)
            {
                var value = reader.ReadString();
                _strings.Add(value);
                return value;
            }
            return reference <= (ulong)_strings.Count
                ? _strings[(int)reference - 1]
                : throw reader.Malformed($"string reference {reference} names none of the {_strings.Count} strings read so far");
        }
    }
}
