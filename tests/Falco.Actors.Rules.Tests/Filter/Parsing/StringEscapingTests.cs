using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Parsing;

namespace Falco.Actors.Rules.Tests.Filter.Parsing;

/// <summary>Quoted strings in conditions: Falco's escapes, its error texts, and the printer's quoting.</summary>
public sealed class StringEscapingTests
{
    private static string ParsedValue(string condition) =>
        Assert.IsType<ValueExpr>(Assert.IsType<BinaryCheckExpr>(FilterParser.Parse(condition)).Right).Value;

    // libs filter_compiler.ut.cpp str_escape: which right-hand sides equal hello 'quoted' / hello "quoted".
    [Theory]
    [InlineData("c.singlequote = 'hello \\'quoted\\''", "hello 'quoted'")]
    [InlineData("c.singlequote = \"hello 'quoted'\"", "hello 'quoted'")]
    [InlineData("c.doublequote = 'hello \"quoted\"'", "hello \"quoted\"")]
    [InlineData("c.doublequote = \"hello \\\"quoted\\\"\"", "hello \"quoted\"")]
    [InlineData("c.singlequote = 'hello \\\\'quoted\\\\''", "hello \\'quoted\\'")]
    [InlineData("c.singlequote = \"hello ''quoted''\"", "hello ''quoted''")]
    [InlineData("c.doublequote = \"hello \\\\\"quoted\\\\\"\"", "hello \\\"quoted\\\"")]
    [InlineData("c.doublequote = 'hello \"\"quoted\"\"'", "hello \"\"quoted\"\"")]
    public void Quoted_values_unescape_like_falco(string condition, string expected)
    {
        Assert.Equal(expected, ParsedValue(condition));
    }

    [Theory]
    [InlineData("\"a\\bb\"", "a\bb")]
    [InlineData("\"a\\fb\"", "a\fb")]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("\"a\\rb\"", "a\rb")]
    [InlineData("\"a\\tb\"", "a\tb")]
    [InlineData("\"a\\\\b\"", "a\\b")]
    [InlineData("\"a\\/b\"", "a/b")]
    [InlineData("\"bad escape \\ \"", "bad escape \\")]
    [InlineData("\"\\x41\\x7a\\x09\"", "Az\t")]
    [InlineData("''", "")]
    [InlineData("\"\"", "")]
    [InlineData("'mixed \"'", "mixed \"")]
    public void Each_escape_sequence_has_its_value(string quoted, string expected)
    {
        Assert.Equal(expected, StringEscaping.Unescape(quoted));
        Assert.Equal(expected, ParsedValue($"a.b = {quoted}"));
    }

    [Theory]
    [InlineData("\"mixed \\'\"", "invalid \\' escape in \"-quoted string")]
    [InlineData("'mixed \\\"'", "invalid \\\" escape in '-quoted string")]
    [InlineData("\"\\q\"", "unsupported string escape sequence: \\q")]
    [InlineData("\"\\x4\"", "unsupported string escape sequence: \\x")]
    [InlineData("\"\\xg0\"", "unsupported string escape sequence: \\x")]
    public void Bad_escapes_are_rejected_with_falcos_message(string quoted, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => StringEscaping.Unescape(quoted)).Message);
        Assert.Equal(message, Assert.Throws<FilterParseException>(() => FilterParser.Parse($"a.b = {quoted}")).Reason);
    }

    [Fact]
    public void A_bad_escape_in_a_list_item_is_reported_not_dropped()
    {
        var error = Assert.Throws<FilterParseException>(() => FilterParser.Parse("a.b in (\"\\q\")"));
        Assert.Equal("unsupported string escape sequence: \\q", error.Reason);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("/usr/bin/*", "/usr/bin/*")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("nul\0", "\"nul\\x00\"")]
    [InlineData("", "\"\"")]
    [InlineData("f(x)", "\"f(x)\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("ends with \\", "\"ends with \\ \"")]
    [InlineData("c:\\dir\\", "\"c:\\\\dir\\ \"")]
    public void Values_are_quoted_only_when_a_bare_string_could_not_hold_them(string value, string printed)
    {
        Assert.Equal(printed, StringEscaping.QuoteIfNeeded(value));
        Assert.Equal(value, ParsedValue($"a.b = {printed}"));
    }

    [Theory]
    [InlineData("systemd", "systemd")]
    [InlineData("(systemd)", "(systemd)")]
    [InlineData("my value", "\"my value\"")]
    [InlineData("\"already quoted\"", "\"already quoted\"")]
    [InlineData("'already quoted'", "'already quoted'")]
    public void List_items_with_a_space_are_wrapped_in_double_quotes(string item, string quoted)
    {
        Assert.Equal(quoted, StringEscaping.QuoteListItem(item));
    }
}
