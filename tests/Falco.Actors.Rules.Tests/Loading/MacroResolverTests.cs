using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Parsing;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Rules.Tests.Loading;

public class MacroResolverTests
{
    private static MacroResolver Resolver(params (string Name, string Condition)[] macros) =>
        new(macros.ToDictionary(m => m.Name, m => FilterParser.Parse(m.Condition)));

    [Fact]
    public void Identifiers_under_and_or_not_are_replaced_and_nothing_is_flattened()
    {
        var resolver = Resolver(("a", "x.y = 1 and x.z = 2"), ("b", "not a"));
        var resolved = resolver.Resolve(FilterParser.Parse("b or q.r exists"));
        Assert.Equal("(not (x.y = 1 and x.z = 2) or q.r exists)", AstPrinter.Print(resolved));
        Assert.Equal(["a", "b"], resolver.Resolved.Order());
        Assert.Null(resolver.FirstError);
    }

    [Fact]
    public void Values_and_list_names_inside_checks_are_not_macros()
    {
        var resolver = Resolver(("a", "x.y = 1"));
        var condition = FilterParser.Parse("proc.name = a");
        Assert.Same(condition, resolver.Resolve(condition));
        Assert.Empty(resolver.Resolved);
    }

    [Fact]
    public void The_first_undefined_macro_is_reported_with_its_position()
    {
        var resolver = Resolver();
        resolver.Resolve(FilterParser.Parse("x.y = 1 and first or second"));
        var (message, position) = resolver.FirstError!.Value;
        Assert.Equal("Undefined macro 'first' used in filter.", message);
        Assert.Equal(new SourcePosition(12, 1, 13), position);
    }

    [Fact]
    public void A_loop_is_reported_before_undefined_macros()
    {
        var resolver = Resolver(("a", "b and missing"), ("b", "a"));
        resolver.Resolve(FilterParser.Parse("a"));
        Assert.Equal("reference loop in macro 'a'", resolver.FirstError!.Value.Message);
    }

    [Fact]
    public void A_macro_used_twice_in_one_condition_is_no_loop()
    {
        var resolver = Resolver(("a", "x.y = 1"), ("b", "a and a"));
        Assert.Equal("(x.y = 1 and x.y = 1)", AstPrinter.Print(resolver.Resolve(FilterParser.Parse("b"))));
        Assert.Null(resolver.FirstError);
    }
}
