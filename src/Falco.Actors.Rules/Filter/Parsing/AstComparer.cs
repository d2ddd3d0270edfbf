using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Filter.Parsing;

/// <summary>
/// Structural equality of filter ASTs like libs' <c>expr::is_equal</c>: same node kinds, names, operators, values
/// and arguments (an absent argument differs from <c>[""]</c>); positions are ignored. The records' own equality
/// compares child lists by reference, which is not what "same expression" means.
/// </summary>
public sealed class AstComparer : IEqualityComparer<AstNode>
{
    public static readonly AstComparer Instance = new();

    public bool Equals(AstNode? x, AstNode? y) => (x, y) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (AndExpr a, AndExpr b) => SameNodes(a.Children, b.Children),
        (OrExpr a, OrExpr b) => SameNodes(a.Children, b.Children),
        (NotExpr a, NotExpr b) => Equals(a.Child, b.Child),
        (IdentifierExpr a, IdentifierExpr b) => a.Name == b.Name,
        (ValueExpr a, ValueExpr b) => a.Value == b.Value,
        (ListExpr a, ListExpr b) => a.Values.SequenceEqual(b.Values, StringComparer.Ordinal),
        (TransformerListExpr a, TransformerListExpr b) => SameNodes(a.Children, b.Children),
        (FieldExpr a, FieldExpr b) => a.Field == b.Field && a.Arg == b.Arg,
        (TransformerExpr a, TransformerExpr b) =>
            a.Transformer == b.Transformer && a.Arg == b.Arg && SameNodes(a.Arguments, b.Arguments),
        (UnaryCheckExpr a, UnaryCheckExpr b) => a.Operator == b.Operator && Equals(a.Left, b.Left),
        (BinaryCheckExpr a, BinaryCheckExpr b) =>
            a.Operator == b.Operator && Equals(a.Left, b.Left) && Equals(a.Right, b.Right),
        _ => false,
    };

    // Consistent with Equals (equal trees print alike); only needed for hashing, not on a hot path.
    public int GetHashCode(AstNode node) => StringComparer.Ordinal.GetHashCode(AstPrinter.Print(node));

    private bool SameNodes(IReadOnlyList<AstNode> x, IReadOnlyList<AstNode> y) =>
        x.Count == y.Count && x.Zip(y).All(pair => Equals(pair.First, pair.Second));
}
