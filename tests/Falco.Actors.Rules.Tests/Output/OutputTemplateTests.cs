using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Output;

namespace Falco.Actors.Rules.Tests.Output;

public class OutputTemplateTests
{
    private static readonly HashSet<string> Known =
        ["ct.user", "ct.srcip", "ct.name", "evt.num", "evt.time", "evt.time.iso8601", "json.value"];

    // Accepts known fields (json.value only with an argument) and transformers of known fields.
    private static string? TryCompile(AstNode node) => node switch
    {
        FieldExpr { Field: "json.value", Arg: null } => "filter_check called with nonexistent field json.value",
        FieldExpr f when Known.Contains(f.Field) => null,
        FieldExpr f => $"filter_check called with nonexistent field {f.Field}",
        TransformerExpr t => t.Arguments.Select(TryCompile).FirstOrDefault(e => e is not null),
        _ => "unsupported",
    };

    private static OutputTemplate Parse(string format) => OutputTemplate.Parse(format, TryCompile);

    [Fact]
    public void Splits_literal_text_and_fields_and_honours_the_star()
    {
        var t = Parse("*Detected (user=%ct.user, ip=%ct.srcip)");

        Assert.False(t.RequireAllValues);
        Assert.Equal(
            ["L:Detected (user=", "F:ct.user", "L:, ip=", "F:ct.srcip", "L:)"],
            t.Tokens.Select(Describe));
        Assert.Equal(["ct.user", "ct.srcip"], t.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Without_star_every_value_is_required()
    {
        Assert.True(Parse("user=%ct.user").RequireAllValues);
    }

    [Fact]
    public void Reads_a_width_before_the_field()
    {
        var t = Parse("%20evt.num|%ct.user");

        var field = Assert.IsType<FieldToken>(t.Tokens[0]);
        Assert.Equal(20, field.Width);
        Assert.Equal("evt.num", field.Name);
        Assert.Equal(0, Assert.IsType<FieldToken>(t.Tokens[2]).Width);
    }

    [Fact]
    public void Takes_the_longest_prefix_that_is_a_known_field()
    {
        var t = Parse("%ct.user.foo and %evt.time.iso8601.");

        Assert.Equal(["F:ct.user", "L:.foo and ", "F:evt.time.iso8601", "L:."], t.Tokens.Select(Describe));
    }

    [Fact]
    public void Reads_field_arguments()
    {
        var t = Parse("image id=%json.value[/responseElements/instancesSet/items/0/instanceId])");

        var field = Assert.IsType<FieldToken>(t.Tokens[1]);
        var expr = Assert.IsType<FieldExpr>(field.Expression);
        Assert.Equal("/responseElements/instancesSet/items/0/instanceId", expr.Arg);
        Assert.Equal("json.value[/responseElements/instancesSet/items/0/instanceId]", field.Name);
        Assert.Equal(")", Assert.IsType<LiteralToken>(t.Tokens[2]).Text);
    }

    [Fact]
    public void Reads_transformers_and_lists_the_field_and_the_outer_transformer()
    {
        var t = Parse("u=%toupper(ct.user) b=%b64(tolower(ct.user))!");

        Assert.Equal(["L:u=", "F:toupper(ct.user)", "L: b=", "F:b64(tolower(ct.user))", "L:!"], t.Tokens.Select(Describe));
        Assert.Equal(
            [("ct.user", false), ("toupper(ct.user)", true), ("ct.user", false), ("b64(tolower(ct.user))", true)],
            t.Fields.Select(f => (f.Name, f.HasTransformers)));
    }

    [Fact]
    public void Reads_quoted_field_arguments_up_to_their_closing_quote()
    {
        var t = Parse("%json.value[\"/a \\\"b\\\"\"]! %json.value['/c']");

        Assert.Equal("/a \"b\"", Assert.IsType<FieldExpr>(Assert.IsType<FieldToken>(t.Tokens[0]).Expression).Arg);
        Assert.Equal(["F:json.value[\"/a \\\"b\\\"\"]", "L:! ", "F:json.value[/c]"], t.Tokens.Select(Describe));
    }

    [Fact]
    public void Quoted_field_arguments_have_the_escapes_of_conditions()
    {
        var t = Parse("%json.value[\"\\x2fa\\tb\"]");

        Assert.Equal("/a\tb", Assert.IsType<FieldExpr>(Assert.IsType<FieldToken>(t.Tokens[0]).Expression).Arg);
    }

    [Theory]
    [InlineData("", "empty formatting token")]
    [InlineData("100%", "invalid formatting syntax: formatting cannot end with a %")]
    [InlineData("user=%12", "invalid formatting syntax: formatting cannot end with a number")]
    public void Rejects_malformed_formats_with_libs_wording(string format, string message)
    {
        var e = Assert.Throws<OutputTemplateException>(() => Parse(format));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("user=%ct.nope", "unknown filter: filter_check called with nonexistent field ct.nope")]
    [InlineData("50% off", "unknown filter: unexpected token after '")]
    [InlineData("%json.value", "unknown filter: filter_check called with nonexistent field json.value")]
    [InlineData("%(ct.user)", "unknown filter: unexpected token after '")]
    [InlineData("x=%toupper(ct.user", "unknown filter: expected a ')' token closing the transformer")]
    [InlineData("x=%json.value[", "unknown filter: expected a valid field argument: a quoted string or a bare string")]
    [InlineData("x=%json.value[/a", "unknown filter: expected a ']' token")]
    [InlineData("x=%toupper()", "unknown filter: expected field transformer argument: field, transformer, quoted string, number, or transformer list")]
    [InlineData("x=%json.value[\"\\q\"]", "unknown filter: unsupported string escape sequence: \\q")]
    public void Rejects_unknown_fields(string format, string message)
    {
        var e = Assert.Throws<OutputTemplateException>(() => Parse(format));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_literal_only_format_is_one_literal()
    {
        var t = Parse("*no fields here");

        Assert.Equal(["L:no fields here"], t.Tokens.Select(Describe));
        Assert.Empty(t.Fields);
    }

    private static string Describe(OutputToken token) => token switch
    {
        LiteralToken l => "L:" + l.Text,
        FieldToken f => "F:" + f.Name,
        _ => "?",
    };
}
