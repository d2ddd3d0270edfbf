using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Rules.Filter.Language;

/// <summary>
/// One operator of the filter language: how it is written, what it evaluates as, what the parser reads after it,
/// and which fields it applies to.
/// </summary>
/// <param name="BlankAfter">A blank must follow it (libs writes these with a trailing space: <c>"contains "</c>).</param>
public sealed record FilterOperator(string Name, CompareOp Op, OperatorSyntax Syntax, bool BlankAfter, OperandTypes Operands)
{
    /// <summary>A modifier may follow it (<c>startswith oneof (a, b)</c>): the string operators.</summary>
    public bool TakesModifier => Syntax == OperatorSyntax.String;

    /// <summary>Its right-hand side is a set of values: <c>in</c>, <c>intersects</c>, <c>pmatch</c>.</summary>
    public bool TakesList => Syntax == OperatorSyntax.List;

    /// <summary>Whether it compiles for a field of this type.</summary>
    public bool Accepts(FieldType type, bool isList) => (Operands & OperandTypesOf.Field(type, isList)) != 0;
}
