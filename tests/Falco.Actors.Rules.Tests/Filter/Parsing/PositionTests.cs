using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Parsing;

namespace Falco.Actors.Rules.Tests.Filter.Parsing;

/// <summary>libs' <c>parse_position_info</c> assertions: node positions in visitor order, and where parsing ends.</summary>
public sealed class PositionTests
{
    // Each expected entry: node kind, index, line, column — in pre-order (node, then children).
    [Theory]
    [InlineData("proc.name exists", "UnaryCheckExpr 0 1 1|FieldExpr 0 1 1")]
    [InlineData("proc.name=nginx", "BinaryCheckExpr 0 1 1|FieldExpr 0 1 1|ValueExpr 10 1 11")]
    [InlineData("proc.aname[3]=nginx", "BinaryCheckExpr 0 1 1|FieldExpr 0 1 1|ValueExpr 14 1 15")]
    [InlineData("proc.name =nginx", "BinaryCheckExpr 0 1 1|FieldExpr 0 1 1|ValueExpr 11 1 12")]
    [InlineData("proc.name= nginx", "BinaryCheckExpr 0 1 1|FieldExpr 0 1 1|ValueExpr 11 1 12")]
    [InlineData("proc.name = nginx", "BinaryCheckExpr 0 1 1|FieldExpr 0 1 1|ValueExpr 12 1 13")]
    [InlineData("proc.name in (nginx, apache)", "BinaryCheckExpr 0 1 1|FieldExpr 0 1 1|ListExpr 13 1 14")]
    [InlineData("proc.name in ( nginx, apache)", "BinaryCheckExpr 0 1 1|FieldExpr 0 1 1|ListExpr 13 1 14")]
    [InlineData("not proc.name=nginx", "NotExpr 0 1 1|BinaryCheckExpr 4 1 5|FieldExpr 4 1 5|ValueExpr 14 1 15")]
    [InlineData(
        "proc.name=nginx or proc.name=apache",
        "OrExpr 0 1 1|BinaryCheckExpr 0 1 1|FieldExpr 0 1 1|ValueExpr 10 1 11|BinaryCheckExpr 19 1 20|FieldExpr 19 1 20|ValueExpr 29 1 30")]
    [InlineData(
        "(proc.name=nginx or proc.name=apache)",
        "OrExpr 1 1 2|BinaryCheckExpr 1 1 2|FieldExpr 1 1 2|ValueExpr 11 1 12|BinaryCheckExpr 20 1 21|FieldExpr 20 1 21|ValueExpr 30 1 31")]
    [InlineData("proc.name == oneof (cat)", "BinaryCheckExpr 0 1 1|FieldExpr 0 1 1|ListExpr 19 1 20")]
    [InlineData("a.b = x and\n  c.d exists", "AndExpr 0 1 1|BinaryCheckExpr 0 1 1|FieldExpr 0 1 1|ValueExpr 6 1 7|UnaryCheckExpr 14 2 3|FieldExpr 14 2 3")]
    public void Nodes_carry_where_they_start(string condition, string expected)
    {
        var actual = AstTraversal.PreOrder(FilterParser.Parse(condition))
            .Select(node => $"{node.GetType().Name} {node.Position.Index} {node.Position.Line} {node.Position.Column}");
        Assert.Equal(expected.Split('|'), actual);
    }

    [Theory]
    [InlineData("a and b", 7, 1, 8)]
    [InlineData("a and b    ", 11, 1, 12)]
    [InlineData("not b", 5, 1, 6)]
    [InlineData("not b    ", 9, 1, 10)]
    [InlineData("a    ", 5, 1, 6)]
    [InlineData("a \n and \n  b", 12, 3, 4)]
    [InlineData("a \n and \n not \n b", 17, 4, 3)]
    public void Parsing_ends_after_the_whole_text(string condition, int index, int line, int column)
    {
        var parser = new FilterParser(condition);
        parser.Parse();
        Assert.Equal(new SourcePosition(index, line, column), parser.Position);
    }

    [Fact]
    public void Positions_count_utf8_bytes_like_libs()
    {
        var and = Assert.IsType<AndExpr>(FilterParser.Parse("a.b = \"é\" and x"));
        Assert.Equal(new SourcePosition(15, 1, 16), and.Children[1].Position);
    }

    [Fact]
    public void An_error_reports_where_the_parser_gave_up()
    {
        var parser = new FilterParser("a.b = 1 and\n(c.d = 2");
        var error = Assert.Throws<FilterParseException>(() => parser.Parse());
        Assert.Equal("expected a ')' token", error.Reason);
        Assert.Equal(new SourcePosition(20, 2, 9), error.Position);
        Assert.Equal(error.Position, parser.Position);
    }
}
