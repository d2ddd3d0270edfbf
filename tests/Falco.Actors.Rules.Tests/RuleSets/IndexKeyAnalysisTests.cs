using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Rules.Tests.RuleSets;

public class IndexKeyAnalysisTests
{
    private static readonly SourcePosition P = SourcePosition.Start;

    private static readonly FieldRegistry Fields = CreateRegistry();

    private static FieldRegistry CreateRegistry()
    {
        var registry = new FieldRegistry("aws_cloudtrail");
        registry.Add(new FieldProvider("cloudtrail",
        [
            new FieldInfo("ct.name", FieldType.String, "event name"),
            new FieldInfo("ct.src", FieldType.String, "event source"),
            new FieldInfo("ct.error", FieldType.String, "error code"),
            new FieldInfo("s3.bytes", FieldType.UInt64, "bytes"),
            new FieldInfo("ec2.imageids", FieldType.String, "image ids") { IsList = true },
        ]));
        return registry;
    }

    private static FieldExpr F(string name) => new(P, name, null);

    private static BinaryCheckExpr Eq(string field, string value) => new(P, F(field), "=", new ValueExpr(P, value));

    private static BinaryCheckExpr In(string field, params string[] values) => new(P, F(field), "in", new ListExpr(P, values));

    private static UnaryCheckExpr Exists(string field) => new(P, F(field), "exists");

    private static AndExpr And(params AstNode[] children) => new(P, children);

    private static OrExpr Or(params AstNode[] children) => new(P, children);

    private static Dictionary<string, string[]> Pins(AstNode condition) =>
        IndexKeyAnalysis.Analyze(condition, Fields)
            .ToDictionary(p => p.Key, p => p.Value.Values.Order(StringComparer.Ordinal).ToArray());

    [Fact]
    public void Equality_pins_the_field()
    {
        var pins = Pins(And(Eq("ct.name", "CreateUser"), new NotExpr(P, Exists("ct.error"))));

        Assert.Equal(["ct.name"], pins.Keys);
        Assert.Equal(["CreateUser"], pins["ct.name"]);
    }

    [Fact]
    public void Nested_conjunctions_and_same_field_disjunctions_pin_the_union()
    {
        // ct.src="ecs.amazonaws.com" and (ct.name="RunTask" or ct.name="StartTask") and not ct.error exists
        var pins = Pins(And(Eq("ct.src", "ecs.amazonaws.com"),
            Or(Eq("ct.name", "RunTask"), Eq("ct.name", "StartTask")),
            new NotExpr(P, Exists("ct.error"))));

        Assert.Equal(["RunTask", "StartTask"], pins["ct.name"]);
        Assert.Equal(["ecs.amazonaws.com"], pins["ct.src"]);
    }

    [Fact]
    public void In_lists_and_intersections()
    {
        var pins = Pins(And(In("ct.name", "A", "B", "C"), And(Eq("ct.name", "B"), Exists("ct.src"))));

        Assert.Equal(["B"], pins["ct.name"]);
    }

    [Fact]
    public void A_disjunction_with_an_unpinned_side_pins_nothing()
    {
        Assert.Empty(Pins(Or(Eq("ct.name", "A"), Exists("ct.src"))));
        Assert.Empty(Pins(Or(Eq("ct.name", "A"), Eq("ct.src", "B"))));
    }

    [Fact]
    public void Negations_other_operators_numbers_and_lists_pin_nothing()
    {
        Assert.Empty(Pins(new NotExpr(P, Eq("ct.name", "A"))));
        Assert.Empty(Pins(new BinaryCheckExpr(P, F("ct.name"), "!=", new ValueExpr(P, "A"))));
        Assert.Empty(Pins(new BinaryCheckExpr(P, F("ct.name"), "startswith", new ValueExpr(P, "A"))));
        Assert.Empty(Pins(new BinaryCheckExpr(P, F("ct.name"), "= oneof", new ListExpr(P, ["A"]))));
        Assert.Empty(Pins(Eq("s3.bytes", "1")));
        Assert.Empty(Pins(In("ec2.imageids", "ami-1")));
        Assert.Empty(Pins(new BinaryCheckExpr(P, new TransformerExpr(P, "tolower", [F("ct.name")], null), "=",
            new ValueExpr(P, "a"))));
        Assert.Empty(Pins(Eq("unknown.field", "x")));
    }
}
