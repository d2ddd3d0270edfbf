namespace Falco.Actors.Rules.Fields;

/// <summary>
/// The value type of a filter field. Plugins export String, UInt64, Bool, RelTime, AbsTime, IpAddr and IpNet;
/// ByteBuf and Int64 exist for generic fields.
/// </summary>
public enum FieldType : byte
{
    /// <summary>UTF-8 text (libsinsp charbuf).</summary>
    String,
    UInt64,
    Int64,
    Bool,
    /// <summary>A duration in nanoseconds.</summary>
    RelTime,
    /// <summary>Nanoseconds since the Unix epoch.</summary>
    AbsTime,
    /// <summary>4 (IPv4) or 16 (IPv6) bytes in network order.</summary>
    IpAddr,
    /// <summary>4 or 16 address bytes in network order followed by one byte holding the prefix length.</summary>
    IpNet,
    /// <summary>Raw bytes.</summary>
    ByteBuf,
}

public static class FieldTypeNames
{
    /// <summary>The name used in plugin field JSON and in <c>--list</c> output.</summary>
    public static string ToName(this FieldType type) => type switch
    {
        FieldType.String => "string",
        FieldType.UInt64 => "uint64",
        FieldType.Int64 => "int64",
        FieldType.Bool => "bool",
        FieldType.RelTime => "reltime",
        FieldType.AbsTime => "abstime",
        FieldType.IpAddr => "ipaddr",
        FieldType.IpNet => "ipnet",
        FieldType.ByteBuf => "bytebuf",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParse(string name, out FieldType type)
    {
        switch (name)
        {
            case "string": type = FieldType.String; return true;
            case "uint64": type = FieldType.UInt64; return true;
            case "int64": type = FieldType.Int64; return true;
            case "bool": type = FieldType.Bool; return true;
            case "reltime": type = FieldType.RelTime; return true;
            case "abstime": type = FieldType.AbsTime; return true;
            case "ipaddr": type = FieldType.IpAddr; return true;
            case "ipnet": type = FieldType.IpNet; return true;
            case "bytebuf": type = FieldType.ByteBuf; return true;
            default: type = default; return false;
        }
    }
}
