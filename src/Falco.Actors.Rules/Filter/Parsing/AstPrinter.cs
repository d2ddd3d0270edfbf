using System.Text;
using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Filter.Parsing;

/// <summary>
/// libs' canonical printer <c>as_string</c>: <c>(a and b)</c>, <c>not a</c>, <c>field[arg] op value</c>,
/// <c>(v1, v2)</c>, <c>name(arg1,arg2)[arg]</c>; values and field arguments are quoted only when needed
/// (<see cref="StringEscaping.QuoteIfNeeded"/>). The output parses back to the same tree, except that string
/// arguments of transformers print bare as in libs (<c>getopt(proc.args,nt:)[t]</c>).
/// </summary>
public static class AstPrinter
{
    public static string Print(AstNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var text = new StringBuilder();
        Append(text, node);
        return text.ToString();
    }

    private static void Append(StringBuilder text, AstNode node)
    {
        switch (node)
        {
            case AndExpr and:
                AppendJoined(text, and.Children, " and ");
                break;
            case OrExpr or:
                AppendJoined(text, or.Children, " or ");
                break;
            case NotExpr { Child: NotExpr } not:
                // libs prints "not not a", which parses back as "a"; the parentheses keep the tree.
                text.Append("not (");
                Append(text, not.Child);
                text.Append(')');
                break;
            case NotExpr not:
                text.Append("not ");
                Append(text, not.Child);
                break;
            case IdentifierExpr identifier:
                text.Append(identifier.Name);
                break;
            case ValueExpr value:
                text.Append(StringEscaping.QuoteIfNeeded(value.Value));
                break;
            case ListExpr list:
                text.Append('(').AppendJoin(", ", list.Values.Select(StringEscaping.QuoteIfNeeded)).Append(')');
                break;
            case TransformerListExpr list:
                AppendJoined(text, list.Children, ", ");
                break;
            case FieldExpr field:
                text.Append(field.Field);
                AppendArgument(text, field.Arg);
                break;
            case TransformerExpr transformer:
                text.Append(transformer.Transformer);
                AppendJoined(text, transformer.Arguments, ",");
                AppendArgument(text, transformer.Arg);
                break;
            case UnaryCheckExpr unary:
                Append(text, unary.Left);
                text.Append(' ').Append(unary.Operator);
                break;
            case BinaryCheckExpr binary:
                Append(text, binary.Left);
                text.Append(' ').Append(binary.Operator).Append(' ');
                Append(text, binary.Right);
                break;
            default:
                throw new ArgumentException($"unknown AST node type {node.GetType().Name}", nameof(node));
        }
    }

    private static void AppendJoined(StringBuilder text, IReadOnlyList<AstNode> nodes, string separator)
    {
        text.Append('(');
        for (var i = 0; i < nodes.Count; i++)
        {
            if (i > 0)
            {
                text.Append(separator);
            }

            Append(text, nodes[i]);
        }

        text.Append(')');
    }

    private static void AppendArgument(StringBuilder text, string? argument)
    {
        if (argument is null)
        {
            return;
        }

        var printed = StringEscaping.QuoteIfNeeded(argument);
        if (ReferenceEquals(printed, argument) && argument.AsSpan().IndexOfAny('[', ']') >= 0)
        {
            printed = $"\"{argument}\""; // a bare argument cannot hold brackets
        }

        text.Append('[').Append(printed).Append(']');
    }
}
