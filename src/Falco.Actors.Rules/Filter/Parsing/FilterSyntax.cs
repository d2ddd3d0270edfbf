namespace Falco.Actors.Rules.Filter.Parsing;

/// <summary>
/// The keyword tables of the filter grammar, in libs' lexing order (order matters: the first prefix match wins).
/// A trailing space marks an operator that must be followed by at least one blank.
/// </summary>
internal static class FilterSyntax
{
    public static readonly string[] UnaryOperators = ["exists"];

    public static readonly string[] NumericOperators = ["<=", "<", ">=", ">"];

    public static readonly string[] StringOperators =
    [
        "==", "=", "!=", "glob ", "iglob ", "contains ", "icontains ", "bcontains ",
        "startswith ", "bstartswith ", "endswith ", "regex ",
    ];

    public static readonly string[] ListOperators = ["intersects", "in", "pmatch"];

    /// <summary>Modifiers allowed between a string operator and a list (<c>== oneof (a, b)</c>).</summary>
    public static readonly string[] Modifiers = ["oneof", "anyof", "allof"];

    /// <summary>The <c>val(field)</c> right-hand side, which takes exactly one field.</summary>
    public const string ValTransformer = "val";

    /// <summary>Transformers, lexed with their opening parenthesis (no blank allowed before it).</summary>
    public static readonly string[] Transformers =
        ["tolower(", "toupper(", "b64(", "basename(", "len(", "join(", "concat(", "getopt("];

    public static readonly IReadOnlyList<string> OperatorNames =
        UnaryOperators.Concat(NumericOperators).Concat(StringOperators).Concat(ListOperators)
            .Select(op => op.Trim()).ToArray();

    public static readonly IReadOnlyList<string> TransformerNames =
        Transformers.Select(t => t[..^1]).ToArray();

    /// <summary>libs' <c>token_list_to_str</c>: <c>'a', 'b', 'c'</c>.</summary>
    public static string Quoted(IEnumerable<string> tokens) => string.Join(", ", tokens.Select(t => $"'{t}'"));

    public static readonly string OperatorList = Quoted(OperatorNames);

    public static readonly string TransformerListWithVal = Quoted(new[] { ValTransformer }.Concat(TransformerNames));
}
