using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Parsing;
using Falco.Actors.Rules.Tests.Filter.Evaluation;

namespace Falco.Actors.Rules.Tests.Filter.Compilation;

/// <summary>Compile errors carry Falco's wording and the position of the offending node.</summary>
public sealed class CompileErrorTests
{
    [Theory]
    [InlineData("evt.num = abc", "abc is not a valid number")]
    [InlineData("evt.num = 1.0", "1.0 is not a valid number")]
    [InlineData("evt.num in (1, 2x)", "2x is not a valid number")]
    [InlineData("test.bool = yes", "filter error: unrecognized boolean value yes")]
    [InlineData("test.bool = True", "filter error: unrecognized boolean value True")]
    [InlineData("test.buf bcontains xyz", "filter error: bcontains and bstartswith operator support hex strings only")]
    [InlineData("test.buf bstartswith 123", "filter error: bcontains and bstartswith operator support hex strings only")]
    [InlineData("test.str = \"a\\x00b\"", @"filter error: filter value cannot contain a NUL byte (\x00)")]
    [InlineData("test.ip = 1.2.3", "unrecognized IPv4 address 1.2.3")]
    [InlineData("test.ip = zz::", "unrecognized IPv6 address zz::")]
    [InlineData("test.net = 10.0.0.0", "unrecognized IP network 10.0.0.0")]
    [InlineData("test.net = 10.0.0.0/33", "invalid netmask 33")]
    [InlineData("no.such.field = 1", "filter_check called with nonexistent field no.such.field")]
    [InlineData("test.str = val(no.such)", "filter_check called with nonexistent field no.such")]
    [InlineData("not_a_macro", "filter error: unexpected identifier 'not_a_macro'")]
    [InlineData("test.str regex '('", "invalid regex pattern: ")]
    [InlineData("toupper(test.str)[x] = foo", "filter error: transformer 'toupper' does not support field arguments")]
    [InlineData("test.str = val(test.str2)[x]", "filter error: transformer 'val' does not support field arguments")]
    [InlineData("toupper(test.u64) = A", "can't add field transformer: type 'uint64' is not supported by 'toupper' transformer")]
    [InlineData("b64(test.bool) = A", "can't add field transformer: type 'bool' is not supported by 'b64' transformer")]
    [InlineData("test.str = val(test.u64)", "field 'test.str' has type 'string' while the right-hand side field 'test.u64' has incompatible type 'uint64'")]
    [InlineData("test.str in val(test.strlist)", "field 'test.str' has type 'string' while the right-hand side field 'test.strlist' has incompatible type 'string (list)'")]
    [InlineData("test.str regex val(test.str2)", "operator 'REGEX' doesn't support right-hand side fields")]
    [InlineData("test.str pmatch val(test.str2)", "operator 'PMATCH' doesn't support right-hand side fields")]
    [InlineData("test.net = val(test.net)", "field type 'IPNET' doesn't support right-hand side fields")]
    public void Message(string condition, string expected)
    {
        var message = new FilterHarness().CompileError(condition);
        if (expected.EndsWith(": ", StringComparison.Ordinal))
        {
            Assert.StartsWith(expected, message);
        }
        else
        {
            Assert.Equal(expected, message);
        }
    }

    [Theory]
    [InlineData("evt.num[1] = 1", "filter 'evt.num[1]': evt.num does not allow nor require an argument but one is provided: 1")]
    [InlineData("test.str[x] = 1", "filter 'test.str[x]': test.str does not allow nor require an argument but one is provided: x")]
    [InlineData("test.reqkey = 1", "filter 'test.reqkey': test.reqkey requires an argument but none provided")]
    [InlineData("test.index[01] = 1", "filter test.index[01] test.index has an invalid index argument starting with 0: 01")]
    [InlineData("test.index[a1] = 1", "filter test.index[a1] test.index has an invalid index argument not composed only by digits: a1")]
    [InlineData("test.index[99999999999999999999] = 1", "filter test.index[99999999999999999999] test.index has an invalid index argument not representable on 64 bit: 99999999999999999999")]
    [InlineData("test.key['a b'] = 1", "filter 'test.key[a b]': test.key has unbalanced argument brackets")]
    public void Field_argument_messages(string condition, string expected)
    {
        Assert.Equal(expected, new FilterHarness().CompileError(condition));
    }

    [Fact]
    public void Valid_arguments_reach_the_extractor_as_index_or_key()
    {
        var h = new FilterHarness();
        h.Compile("test.index[0] = a and test.index[12] = b and test.indexkey[7] = c and test.indexkey[abc] = d and test.key[/x/y] = e and test.reqkey[''] = f");
        var args = h.Compiler.Slots.Slots.Where(s => s.Field.Info.Arg.IsAllowed).ToDictionary(s => s.Text, s => s.Argument);
        Assert.Equal(FieldArgument(true, "0", 0, true), args["test.index[0]"]);
        Assert.Equal(FieldArgument(true, "12", 12, true), args["test.index[12]"]);
        Assert.Equal(FieldArgument(true, "7", 7, true), args["test.indexkey[7]"]);
        Assert.Equal(FieldArgument(true, "abc", 0, false), args["test.indexkey[abc]"]);
        Assert.Equal(FieldArgument(true, "/x/y", 0, false), args["test.key[/x/y]"]);
        Assert.Equal(FieldArgument(true, "", 0, false), args["test.reqkey[]"]);
    }

    private static Falco.Actors.Rules.Fields.FieldArgument FieldArgument(bool present, string key, ulong index, bool isIndex) =>
        new(present, key, index, isIndex);

    [Fact]
    public void The_position_is_the_offending_check()
    {
        var h = new FilterHarness();
        var e = Assert.Throws<FilterCompileException>(() => h.Compile("test.str = a and\n  evt.num = abc"));
        Assert.Equal(new SourcePosition(29, 2, 13), e.Position); // the value that does not parse
        e = Assert.Throws<FilterCompileException>(() => h.Compile("test.str = a or nope.field exists"));
        Assert.Equal(16, e.Position.Index);
    }

    [Fact]
    public void Unresolved_macro_inside_logic_is_reported()
    {
        var e = Assert.Throws<FilterCompileException>(() => new FilterHarness().Compile("test.str = a and (my_macro or test.u64 = 1)"));
        Assert.Equal("filter error: unexpected identifier 'my_macro'", e.Reason);
        Assert.Equal(18, e.Position.Index);
    }

    [Theory]
    [InlineData("like", "filter error: unknown operator 'like'")]
    [InlineData("exists", "filter error: unknown operator 'exists'")]
    [InlineData("== someof", "filter error: unknown operator '== someof'")]
    [InlineData("in oneof", "filter error: 'in' operator does not support modifiers")]
    public void Hand_built_operators_are_checked_against_the_operator_table(string op, string expected)
    {
        var p = SourcePosition.Start;
        var ast = new BinaryCheckExpr(p, new FieldExpr(p, "test.str", null), op, new ListExpr(p, ["x"]));
        var e = Assert.Throws<FilterCompileException>(() => new FilterHarness().Compiler.Compile(ast));
        Assert.Equal(expected, e.Reason);
        var unary = new UnaryCheckExpr(p, new FieldExpr(p, "test.str", null), "=");
        Assert.Equal("filter error: unknown unary operator '='",
            Assert.Throws<FilterCompileException>(() => new FilterHarness().Compiler.Compile(unary)).Reason);
    }

    [Fact]
    public void A_hand_built_transformer_must_be_in_the_transformer_table()
    {
        var p = SourcePosition.Start;
        var ast = new UnaryCheckExpr(p, new TransformerExpr(p, "reverse", [new FieldExpr(p, "test.str", null)], null), "exists");
        Assert.Equal("filter error: transformer 'reverse' is not supported",
            Assert.Throws<FilterCompileException>(() => new FilterHarness().Compiler.Compile(ast)).Reason);
    }

    [Fact]
    public void Hand_built_ast_compiles_like_parsed_text()
    {
        var p = SourcePosition.Start;
        var ast = new BinaryCheckExpr(p, new FieldExpr(p, "test.str", null), "==", new ValueExpr(p, "x"));
        var h = new FilterHarness().Set("test.str", "x");
        var filter = h.Compiler.Compile(ast);
        h.Context.Reset(default);
        Assert.True(filter.Evaluate(h.Context));
    }
}
