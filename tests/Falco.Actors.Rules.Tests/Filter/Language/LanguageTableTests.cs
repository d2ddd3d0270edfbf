using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Language;
using Falco.Actors.Rules.Filter.Parsing;

namespace Falco.Actors.Rules.Tests.Filter.Language;

/// <summary>Every row of the operator and transformer tables is what the parser reads.</summary>
public sealed class LanguageTableTests
{
    public static TheoryData<string> Operators => [.. FilterOperators.All.Select(o => o.Name)];

    public static TheoryData<string> Transformers => [.. FilterTransformers.Names];

    [Theory]
    [MemberData(nameof(Operators))]
    public void An_operator_reads_with_the_right_hand_side_of_its_syntax(string name)
    {
        var op = FilterOperators.Find(name)!;
        var condition = op.Syntax switch
        {
            OperatorSyntax.Unary => $"a.b {name}",
            OperatorSyntax.Numeric => $"a.b {name} 1",
            OperatorSyntax.String => $"a.b {name} x",
            _ => $"a.b {name} (x, y)",
        };

        var check = FilterParser.Parse(condition);

        Assert.Equal(name, check is UnaryCheckExpr unary ? unary.Operator : Assert.IsType<BinaryCheckExpr>(check).Operator);
        Assert.True(FilterOperators.TryParse(name, out var parsed, out var modifier));
        Assert.Equal((op, CompareModifier.None), (parsed, modifier));
    }

    [Theory]
    [MemberData(nameof(Operators))]
    public void Only_string_operators_take_a_modifier(string name)
    {
        var op = FilterOperators.Find(name)!;
        if (!op.TakesModifier)
        {
            return;
        }

        var check = Assert.IsType<BinaryCheckExpr>(FilterParser.Parse($"a.b {name} anyof (x, y)"));

        Assert.Equal($"{name} anyof", check.Operator);
        Assert.True(FilterOperators.TryParse(check.Operator, out var parsed, out var modifier));
        Assert.Equal((op, CompareModifier.AnyOf), (parsed, modifier));
    }

    [Theory]
    [MemberData(nameof(Transformers))]
    public void A_transformer_reads_in_conditions_and_outputs_and_computes_something(string name)
    {
        var check = Assert.IsType<UnaryCheckExpr>(FilterParser.Parse($"{name}(a.b) exists"));

        Assert.Equal(name, Assert.IsType<TransformerExpr>(check.Left).Transformer);
        Assert.Equal(name, Assert.IsType<TransformerExpr>(FilterParser.ParseFieldOrTransformer($"{name}(a.b)", 0, name.Length + 5, out _)).Transformer);
        Assert.NotEqual(TransformerKind.None, FilterTransformers.KindOf(name));
    }
}
