using System.Diagnostics.CodeAnalysis;

namespace Falco.Actors.Rules.Filter.Language;

/// <summary>
/// The operators and modifiers of the filter language, the one table the parser, the compiler, rules files'
/// exception <c>comps</c> and the listings read; the evaluator runs each row's <see cref="CompareOp"/>.
/// </summary>
public static class FilterOperators
{
    /// <summary>
    /// libs' <c>parser::supported_operators()</c>, in its order, which is also the lexing order within a syntax
    /// (the first prefix that matches wins, so <c>==</c> comes before <c>=</c> and <c>intersects</c> before <c>in</c>).
    /// </summary>
    public static IReadOnlyList<FilterOperator> All { get; } =
    [
        // name, what it evaluates as, what the parser reads after it, whether a blank must follow, which fields
        new("exists", CompareOp.Exists, OperatorSyntax.Unary, false, OperandTypes.Scalars | OperandTypes.List),
        new("<=", CompareOp.Le, OperatorSyntax.Numeric, false, OperandTypes.Number | OperandTypes.String),
        new("<", CompareOp.Lt, OperatorSyntax.Numeric, false, OperandTypes.Number | OperandTypes.String),
        new(">=", CompareOp.Ge, OperatorSyntax.Numeric, false, OperandTypes.Number | OperandTypes.String),
        new(">", CompareOp.Gt, OperatorSyntax.Numeric, false, OperandTypes.Number | OperandTypes.String),
        new("==", CompareOp.Eq, OperatorSyntax.String, false, OperandTypes.Scalars),
        new("=", CompareOp.Eq, OperatorSyntax.String, false, OperandTypes.Scalars),
        new("!=", CompareOp.Ne, OperatorSyntax.String, false, OperandTypes.Scalars),
        new("glob", CompareOp.Glob, OperatorSyntax.String, true, OperandTypes.String),
        new("iglob", CompareOp.IGlob, OperatorSyntax.String, true, OperandTypes.String),
        new("contains", CompareOp.Contains, OperatorSyntax.String, true, OperandTypes.String | OperandTypes.Buffer),
        new("icontains", CompareOp.IContains, OperatorSyntax.String, true, OperandTypes.String),
        new("bcontains", CompareOp.BContains, OperatorSyntax.String, true, OperandTypes.Buffer),
        new("startswith", CompareOp.StartsWith, OperatorSyntax.String, true, OperandTypes.String | OperandTypes.Buffer),
        new("bstartswith", CompareOp.BStartsWith, OperatorSyntax.String, true, OperandTypes.Buffer),
        new("endswith", CompareOp.EndsWith, OperatorSyntax.String, true, OperandTypes.String | OperandTypes.Buffer),
        new("regex", CompareOp.Regex, OperatorSyntax.String, true, OperandTypes.String),
        new("intersects", CompareOp.Intersects, OperatorSyntax.List, false, OperandTypes.Scalars | OperandTypes.List),
        new("in", CompareOp.In, OperatorSyntax.List, false, OperandTypes.Scalars | OperandTypes.List),
        new("pmatch", CompareOp.Pmatch, OperatorSyntax.List, false, OperandTypes.String),
    ];

    /// <summary>The modifiers a string operator may take, in libs' order.</summary>
    public static IReadOnlyList<(string Name, CompareModifier Modifier)> Modifiers { get; } =
        [("oneof", CompareModifier.OneOf), ("anyof", CompareModifier.AnyOf), ("allof", CompareModifier.AllOf)];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(o => o.Name)];

    public static IReadOnlyList<string> ModifierNames { get; } = [.. Modifiers.Select(m => m.Name)];

    private static readonly FilterOperator[][] BySyntax =
        [.. Enum.GetValues<OperatorSyntax>().Select(s => All.Where(o => o.Syntax == s).ToArray())];

    private static readonly Dictionary<string, FilterOperator> ByName = All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>The operators after which the parser reads <paramref name="syntax"/>, in lexing order.</summary>
    public static IReadOnlyList<FilterOperator> Of(OperatorSyntax syntax) => BySyntax[(int)syntax];

    public static FilterOperator? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// Reads an operator as a check or an exception's <c>comps</c> writes it: a name, or a name, blanks and a modifier
    /// (<c>startswith oneof</c>). A modifier after an operator that takes none still reads: callers say why it is
    /// wrong (<see cref="FilterOperator.TakesModifier"/>).
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out FilterOperator? op, out CompareModifier modifier)
    {
        modifier = CompareModifier.None;
        op = Find(text);
        if (op is not null)
        {
            return true;
        }
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && Find(parts[0]) is { } named)
        {
            foreach (var (name, value) in Modifiers)
            {
                if (name == parts[1])
                {
                    op = named;
                    modifier = value;
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>libsinsp's <c>cmpop_to_str</c>: the name of what an operator evaluates as (<c>==</c> is <c>=</c>).</summary>
    public static string NameOf(CompareOp op) => op == CompareOp.Eq ? "=" : All.First(o => o.Op == op).Name;

    /// <summary>libsinsp's upper-case name (<c>to_string(cmpop)</c>: <c>EQ</c>, <c>PMATCH</c>), used in some messages.</summary>
    public static string UpperNameOf(CompareOp op) => op.ToString().ToUpperInvariant();
}
