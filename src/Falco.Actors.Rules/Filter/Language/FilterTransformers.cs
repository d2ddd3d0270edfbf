namespace Falco.Actors.Rules.Filter.Language;

/// <summary>
/// The field transformers of the filter language, the one table the parser (conditions and output formats), the
/// compiler and the listings read; the evaluator computes each row's <see cref="TransformerKind"/>.
/// </summary>
public static class FilterTransformers
{
    /// <summary>libs' <c>s_field_transformers</c>, in its lexing order, and what each computes.</summary>
    public static IReadOnlyList<(string Name, TransformerKind Kind)> All { get; } =
    [
        ("tolower", TransformerKind.ToLower),
        ("toupper", TransformerKind.ToUpper),
        ("b64", TransformerKind.Base64),
        ("basename", TransformerKind.Basename),
        ("len", TransformerKind.Len),
        ("join", TransformerKind.Join),
        ("concat", TransformerKind.Concat),
        ("getopt", TransformerKind.Getopt),
    ];

    /// <summary><c>val(field)</c>: only a right-hand side, directly around one field, and computes nothing.</summary>
    public const string Val = "val";

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(t => t.Name)];

    /// <summary>What <paramref name="name"/> computes; <see cref="TransformerKind.None"/> for an unknown name (or val).</summary>
    public static TransformerKind KindOf(string name)
    {
        foreach (var (known, kind) in All)
        {
            if (known == name)
            {
                return kind;
            }
        }
        return TransformerKind.None;
    }
}
