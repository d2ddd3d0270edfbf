using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Evaluation;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>Which operators a field type accepts (libsinsp flt_is_comparable), per §1.3 of the reference.</summary>
internal static class OperatorRules
{
    public static bool IsComparable(CompareOp op, FieldType type, bool isList)
    {
        if (op == CompareOp.Exists)
        {
            return true;
        }
        if (isList)
        {
            return op is CompareOp.In or CompareOp.Intersects;
        }
        return type switch
        {
            FieldType.UInt64 or FieldType.Int64 or FieldType.RelTime or FieldType.AbsTime =>
                op is CompareOp.Eq or CompareOp.Ne or CompareOp.Lt or CompareOp.Le or CompareOp.Gt or CompareOp.Ge
                    or CompareOp.In or CompareOp.Intersects,
            FieldType.Bool or FieldType.IpAddr or FieldType.IpNet =>
                op is CompareOp.Eq or CompareOp.Ne or CompareOp.In or CompareOp.Intersects,
            FieldType.String => op is not (CompareOp.BContains or CompareOp.BStartsWith),
            FieldType.ByteBuf =>
                op is CompareOp.Eq or CompareOp.Ne or CompareOp.Contains or CompareOp.BContains or CompareOp.StartsWith
                    or CompareOp.BStartsWith or CompareOp.EndsWith or CompareOp.In or CompareOp.Intersects,
            _ => false,
        };
    }

    /// <summary>libsinsp's flt_is_comparable message (its wording, including "not supported list filters").</summary>
    public static string NotComparableMessage(CompareOp op, FieldType type, bool isList)
    {
        var name = op.ToLibsName();
        if (isList)
        {
            return $"'{name}' operator not supported list filters";
        }
        var kind = type switch
        {
            FieldType.String => "string",
            FieldType.ByteBuf => "buffer",
            FieldType.IpAddr or FieldType.IpNet => "ip address and network",
            _ => "numeric",
        };
        return $"'{name}' operator not supported for {kind} filters";
    }

    /// <summary>Operators a modifier (oneof/anyof/allof) may follow.</summary>
    public static bool AcceptsModifier(CompareOp op) =>
        op is CompareOp.Eq or CompareOp.Ne or CompareOp.Contains or CompareOp.IContains or CompareOp.BContains
            or CompareOp.StartsWith or CompareOp.BStartsWith or CompareOp.EndsWith or CompareOp.Glob or CompareOp.IGlob
            or CompareOp.Regex;
}
