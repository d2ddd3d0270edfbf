using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Parsing;

/// <summary>
/// The transformer keywords of the filter grammar, in libs' lexing order, and the keyword lists of its messages. The
/// operators and modifiers are in <see cref="FilterOperators"/>.
/// </summary>
internal static class FilterSyntax
{
    /// <summary>The <c>val(field)</c> right-hand side, which takes exactly one field.</summary>
    public const string ValTransformer = "val";

    /// <summary>Transformers, lexed with their opening parenthesis (no blank allowed before it).</summary>
    public static readonly string[] Transformers =
        ["tolower(", "toupper(", "b64(", "basename(", "len(", "join(", "concat(", "getopt("];

    public static readonly IReadOnlyList<string> TransformerNames =
        Transformers.Select(t => t[..^1]).ToArray();

    /// <summary>libs' <c>token_list_to_str</c>: <c>'a', 'b', 'c'</c>.</summary>
    public static string Quoted(IEnumerable<string> tokens) => string.Join(", ", tokens.Select(t => $"'{t}'"));

    public static readonly string OperatorList = Quoted(FilterOperators.Names);

    public static readonly string TransformerListWithVal = Quoted(new[] { ValTransformer }.Concat(TransformerNames));
}
