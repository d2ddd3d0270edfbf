namespace Falco.Actors.Rules.Filter.Language;

/// <summary>
/// What the parser reads after an operator: libs' four operator lists (<c>s_unary_ops</c>, <c>s_binary_num_ops</c>,
/// <c>s_binary_str_ops</c>, <c>s_binary_list_ops</c>), lexed in this order.
/// </summary>
public enum OperatorSyntax : byte
{
    /// <summary>Nothing: <c>exists</c>.</summary>
    Unary,

    /// <summary>A number, or a field with a transformer.</summary>
    Numeric,

    /// <summary>A string, a field with a transformer, or a modifier and a list (<c>startswith oneof (a, b)</c>).</summary>
    String,

    /// <summary>A list, a list name, or a field with a transformer.</summary>
    List,
}
