using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Filter.Parsing;

/// <summary>Walks a filter AST in libs' visitor order: a node, then its children left to right.</summary>
public static class AstTraversal
{
    /// <summary>The node and all its descendants, pre-order (e.g. to collect fields or macro references).</summary>
    public static IEnumerable<AstNode> PreOrder(AstNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var pending = new Stack<AstNode>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            yield return node;
            var children = Children(node);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
    }

    /// <summary>The direct children of a node, in source order.</summary>
    public static IReadOnlyList<AstNode> Children(AstNode node) => node switch
    {
        AndExpr and => and.Children,
        OrExpr or => or.Children,
        NotExpr not => [not.Child],
        TransformerListExpr list => list.Children,
        TransformerExpr transformer => transformer.Arguments,
        UnaryCheckExpr unary => [unary.Left],
        BinaryCheckExpr binary => [binary.Left, binary.Right],
        _ => [],
    };
}
