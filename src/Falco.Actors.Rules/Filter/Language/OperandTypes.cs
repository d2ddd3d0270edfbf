using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Rules.Filter.Language;

/// <summary>The kinds of left-hand field an operator applies to (libsinsp's <c>flt_is_comparable</c>).</summary>
[Flags]
public enum OperandTypes : byte
{
    None = 0,

    /// <summary>UInt64, Int64, RelTime, AbsTime.</summary>
    Number = 1,

    Bool = 2,

    /// <summary>IpAddr, IpNet.</summary>
    Ip = 4,

    String = 8,

    /// <summary>ByteBuf.</summary>
    Buffer = 16,

    /// <summary>A list field, whatever its values' type.</summary>
    List = 32,

    Scalars = Number | Bool | Ip | String | Buffer,
}

public static class OperandTypesOf
{
    /// <summary>The kind of a field of this type.</summary>
    public static OperandTypes Field(FieldType type, bool isList) => isList ? OperandTypes.List : type switch
    {
        FieldType.String => OperandTypes.String,
        FieldType.ByteBuf => OperandTypes.Buffer,
        FieldType.Bool => OperandTypes.Bool,
        FieldType.IpAddr or FieldType.IpNet => OperandTypes.Ip,
        FieldType.UInt64 or FieldType.Int64 or FieldType.RelTime or FieldType.AbsTime => OperandTypes.Number,
        _ => OperandTypes.None,
    };
}
