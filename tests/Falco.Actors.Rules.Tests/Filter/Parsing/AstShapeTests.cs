using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Parsing;

namespace Falco.Actors.Rules.Tests.Filter.Parsing;

/// <summary>The expected trees of libs' parser tests (§1.9), precedence, n-ary chains and not-folding.</summary>
public sealed class AstShapeTests
{
    private static readonly SourcePosition At = SourcePosition.Start; // positions are ignored by AstComparer

    private static FieldExpr Field(string name, string? arg = null) => new(At, name, arg);

    private static ValueExpr Value(string value) => new(At, value);

    private static TransformerExpr Transformer(string name, params AstNode[] arguments) => new(At, name, arguments, null);

    private static BinaryCheckExpr Binary(AstNode left, string op, AstNode right) => new(At, left, op, right);

    private static void AssertParsesTo(AstNode expected, string condition)
    {
        var actual = FilterParser.Parse(condition);
        Assert.True(
            AstComparer.Instance.Equals(expected, actual),
            $"expected {AstPrinter.Print(expected)} but parsed {AstPrinter.Print(actual)}");
    }

    [Fact]
    public void Logical_operators_build_nary_nodes_with_and_binding_tighter_than_or()
    {
        AssertParsesTo(
            new OrExpr(At, [
                new AndExpr(At, [
                    new UnaryCheckExpr(At, Field("evt.name"), "exists"),
                    Binary(Field("evt.type"), "in", new ListExpr(At, ["a", "b"])),
                ]),
                Binary(Field("proc.name"), "=", Value("cat")),
            ]),
            "evt.name exists and evt.type in (a, b) or proc.name=cat");
    }

    [Fact]
    public void Transformers_nest_on_both_sides_and_val_wraps_a_field()
    {
        AssertParsesTo(
            new OrExpr(At, [
                new AndExpr(At, [
                    new UnaryCheckExpr(At, Transformer("b64", Field("evt.name")), "exists"),
                    Binary(
                        Transformer("tolower", Transformer("toupper", Field("evt.type"))),
                        "in",
                        Transformer("val", Field("some.field"))),
                ]),
                Binary(Field("proc.name"), "=", Transformer("b64", Transformer("tolower", Field("some.field")))),
            ]),
            "b64(evt.name) exists and tolower(toupper(evt.type)) in val(some.field) or proc.name=b64(tolower(some.field))");
    }

    [Fact]
    public void Runs_of_not_fold_by_parity()
    {
        AssertParsesTo(new NotExpr(At, new NotExpr(At, new IdentifierExpr(At, "not_macro"))), "not not not not not(not not(not not_macro))");
        AssertParsesTo(new IdentifierExpr(At, "a"), "not not a");
        AssertParsesTo(new NotExpr(At, new IdentifierExpr(At, "a")), "not not not a");
        Assert.Equal("not (not not_macro)", AstPrinter.Print(FilterParser.Parse("not not not not not(not not(not not_macro))")));
    }

    [Fact]
    public void Chains_are_flat_and_parentheses_add_no_node()
    {
        AssertParsesTo(new AndExpr(At, [new IdentifierExpr(At, "a"), new IdentifierExpr(At, "b"), new IdentifierExpr(At, "c")]), "a and b and(c)");
        AssertParsesTo(new IdentifierExpr(At, "a"), "((((((((((a))))))))))");
        Assert.Equal("(a.a = 1 or (b.b = 2 and c))", AstPrinter.Print(FilterParser.Parse("a.a=1 or b.b=2 and c")));
    }

    [Fact]
    public void Modifiers_are_part_of_the_operator_text()
    {
        AssertParsesTo(Binary(Field("proc.name"), "== oneof", new ListExpr(At, ["cat", "nginx"])), "proc.name == oneof (cat, nginx)");
        AssertParsesTo(Binary(Field("proc.name"), "== oneof", Value("my_list")), "proc.name == oneof my_list");
        AssertParsesTo(Binary(Field("proc.name"), "contains anyof", new ListExpr(At, ["a"])), "proc.name contains anyof (a)");
        AssertParsesTo(Binary(Field("proc.name"), "== oneof", Value("oneof")), "proc.name == oneof oneof");
    }

    [Fact]
    public void A_modifier_word_not_followed_by_a_list_is_a_plain_value()
    {
        AssertParsesTo(
            new AndExpr(At, [Binary(Field("proc.name"), "==", Value("anyof")), new UnaryCheckExpr(At, Field("fd.name"), "exists")]),
            "proc.name == anyof and fd.name exists");
        AssertParsesTo(Binary(Field("proc.name"), "==", Value("oneof")), "(proc.name == oneof)");
        AssertParsesTo(Binary(Field("proc.name"), "==", Value("oneof_something")), "proc.name == oneof_something");
    }

    [Fact]
    public void An_absent_field_argument_differs_from_an_empty_one()
    {
        var absent = FilterParser.Parse("test.str = value");
        var empty = FilterParser.Parse("test.str[\"\"] = value");
        Assert.Null(Assert.IsType<FieldExpr>(Assert.IsType<BinaryCheckExpr>(absent).Left).Arg);
        Assert.Equal(string.Empty, Assert.IsType<FieldExpr>(Assert.IsType<BinaryCheckExpr>(empty).Left).Arg);
        Assert.False(AstComparer.Instance.Equals(absent, empty));
    }

    [Fact]
    public void Getopt_takes_an_argument_after_its_parenthesis()
    {
        AssertParsesTo(
            Binary(new TransformerExpr(At, "getopt", [Field("proc.args"), Value("nt:")], "t"), "=", Value("value")),
            "getopt(proc.args, \"nt:\")[\"t\"] = value");
        Assert.Equal("getopt(proc.args,nt:)[t] = value", AstPrinter.Print(FilterParser.Parse("getopt(proc.args, \"nt:\")[t] = value")));
    }

    [Fact]
    public void Join_takes_a_separator_and_a_transformer_list()
    {
        AssertParsesTo(
            Binary(
                Transformer("join", Value("-"), new TransformerListExpr(At, [Field("fd.name"), Transformer("tolower", Field("proc.name")), Value("x"), Value("123")])),
                "=",
                Value("/tmp")),
            "join(\"-\", (fd.name, tolower(proc.name), 'x', 123)) = /tmp");
        AssertParsesTo(Binary(Transformer("join", Value("-"), new TransformerListExpr(At, [])), "=", Value("/tmp")), "join(\"-\", ()) = /tmp");
    }

    [Fact]
    public void A_dotted_right_hand_side_is_a_string_not_a_field()
    {
        AssertParsesTo(Binary(Field("a.b"), "=", Value("a.a")), "a.b = a.a");
    }

    [Fact]
    public void Field_arguments_keep_their_quotes_when_printed_only_when_needed()
    {
        Assert.Equal("evt.arg[\"key with space\"] = value", AstPrinter.Print(FilterParser.Parse("evt.arg[\"key with space\"] = value")));
        Assert.Equal("evt.arg[0] contains /bin", AstPrinter.Print(FilterParser.Parse("evt.arg['0'] contains /bin")));
        Assert.Equal("json.value[/a/b] = \"\"", AstPrinter.Print(FilterParser.Parse("json.value[/a/b]=\"\"")));
    }

    [Fact]
    public void The_printer_renders_every_node_kind_like_libs_as_string()
    {
        var printed = AstPrinter.Print(FilterParser.Parse(
            "not a.b exists and (c.d in (x, 'y z') or m) and len(e.f) > 0x10 and g.h = \"tab\\there\""));
        Assert.Equal("(not a.b exists and (c.d in (x, \"y z\") or m) and len(e.f) > 0x10 and g.h = \"tab\\there\")", printed);
    }
}
