using System.Text;
using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Output;

/// <summary>
/// The canonical text of an output expression, as libs' <c>ast::as_string</c> prints it: the key of the value in
/// an alert's <c>output_fields</c> (<c>ct.user</c>, <c>json.value[/a/b]</c>, <c>toupper(ct.user)</c>).
/// </summary>
public static class OutputExpressionText
{
    public static string Of(AstNode node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, AstNode node)
    {
        switch (node)
        {
            case FieldExpr f:
                sb.Append(f.Field);
                AppendArg(sb, f.Arg);
                break;
            case TransformerExpr t:
                sb.Append(t.Transformer).Append('(');
                AppendJoined(sb, t.Arguments);
                sb.Append(')');
                AppendArg(sb, t.Arg);
                break;
            case TransformerListExpr l:
                sb.Append('(');
                AppendJoined(sb, l.Children);
                sb.Append(')');
                break;
            case ValueExpr v:
                AppendValue(sb, v.Value);
                break;
            default:
                throw new ArgumentException($"not an output expression: {node.GetType().Name}", nameof(node));
        }
    }

    private static void AppendJoined(StringBuilder sb, IReadOnlyList<AstNode> nodes)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            Append(sb, nodes[i]);
        }
    }

    private static void AppendArg(StringBuilder sb, string? arg)
    {
        if (arg is null)
        {
            return;
        }
        sb.Append('[');
        AppendValue(sb, arg);
        sb.Append(']');
    }

    // A value is quoted only when it holds a character a bare token cannot.
    private static void AppendValue(StringBuilder sb, string value)
    {
        if (value.AsSpan().IndexOfAny(" =\b\f\n\r\t\\\"'\0") < 0)
        {
            sb.Append(value);
            return;
        }
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
