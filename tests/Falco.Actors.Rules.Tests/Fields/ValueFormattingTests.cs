using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Tests.Filter.Evaluation;

namespace Falco.Actors.Rules.Tests.Fields;

/// <summary>Output values (text and JSON) of every field type, lists, transformers and missing values.</summary>
public sealed class ValueFormattingTests
{
    private static FilterHarness Harness() => new FilterHarness()
        .Set("test.str", "Hello").Set("test.u64", 42UL).Set("test.i64", -3L).Set("test.bool", true)
        .Set("test.rel", 5UL).Set("test.abs", 1700000000000000000UL)
        .Set("test.ip", "10.0.0.1").Set("test.net", "10.0.0.0/8").Set("test.buf", new byte[] { (byte)'a', 0, (byte)'b' })
        .Set("test.strlist", "a", "b").Set("test.u64list", 1UL, 2UL).Set("test.iplist", "::1", "1.2.3.4")
        .Set("test.key[/a/b]", "keyed");

    [Theory]
    [InlineData("test.str", "Hello")]
    [InlineData("test.u64", "42")]
    [InlineData("test.i64", "-3")]
    [InlineData("test.bool", "true")]
    [InlineData("test.rel", "5")]
    [InlineData("test.abs", "1700000000000000000")]
    [InlineData("test.ip", "10.0.0.1")]
    [InlineData("test.net", "<IPNET>")]
    [InlineData("test.buf", "a.b")]
    [InlineData("test.strlist", "(a,b)")]
    [InlineData("test.u64list", "(1,2)")]
    [InlineData("test.iplist", "(::1,1.2.3.4)")]
    [InlineData("toupper(test.str)", "HELLO")]
    [InlineData("len(test.strlist)", "2")]
    [InlineData("test.str2", null)]
    [InlineData("test.key['/a/b']", "keyed")]
    public void Text(string expression, string? expected) => Assert.Equal(expected, Harness().Format(expression));

    [Theory]
    [InlineData("test.str", "\"Hello\"")]
    [InlineData("test.u64", "42")]
    [InlineData("test.i64", "-3")]
    [InlineData("test.bool", "true")]
    [InlineData("test.abs", "1700000000000000000")]
    [InlineData("test.ip", "\"10.0.0.1\"")]
    [InlineData("test.strlist", "[\"a\",\"b\"]")]
    [InlineData("test.u64list", "[1,2]")]
    [InlineData("tolower(test.str)", "\"hello\"")]
    [InlineData("test.str2", "null")]
    public void Json(string expression, string expected) =>
        Assert.Equal(expected, GenericEventFieldsTests.Json(Harness(), expression, default(PluginEvent)));

    [Fact]
    public void Output_values_share_slots_with_conditions()
    {
        var h = Harness();
        h.Compile("test.str = Hello");
        var before = h.Compiler.Slots.Count;
        h.Format("test.str");
        Assert.Equal(before, h.Compiler.Slots.Count);
    }
}
