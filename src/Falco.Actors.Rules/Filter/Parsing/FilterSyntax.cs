using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Parsing;

/// <summary>
/// The keywords of the filter grammar as the lexer reads them, and the keyword lists of its messages. The operators,
/// modifiers and transformers themselves are in <see cref="FilterOperators"/> and <see cref="FilterTransformers"/>.
/// </summary>
internal static class FilterSyntax
{
    /// <summary>Transformers, lexed with their opening parenthesis (no blank allowed before it).</summary>
    public static readonly string[] Transformers = [.. FilterTransformers.Names.Select(name => name + "(")];

    /// <summary>libs' <c>token_list_to_str</c>: <c>'a', 'b', 'c'</c>.</summary>
    public static string Quoted(IEnumerable<string> tokens) => string.Join(", ", tokens.Select(t => $"'{t}'"));

    public static readonly string OperatorList = Quoted(FilterOperators.Names);

    public static readonly string TransformerListWithVal = Quoted([FilterTransformers.Val, .. FilterTransformers.Names]);
}
