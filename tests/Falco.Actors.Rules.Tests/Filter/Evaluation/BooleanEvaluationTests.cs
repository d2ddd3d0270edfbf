namespace Falco.Actors.Rules.Tests.Filter.Evaluation;

/// <summary>libs filter_compiler.ut.cpp boolean_evaluation and str_escape cases, with c.* mock fields.</summary>
public sealed class BooleanEvaluationTests
{
    [Theory]
    [InlineData(true, "c.true=1")]
    [InlineData(false, "c.false=1")]
    [InlineData(false, "not c.true=1")]
    [InlineData(false, "not(c.true=1)")]
    [InlineData(true, "not not c.true=1")]
    [InlineData(true, "not not(c.true=1)")]
    [InlineData(true, "not (not c.true=1)")]
    [InlineData(false, "not not not c.true=1")]
    [InlineData(false, "not not not(c.true=1)")]
    [InlineData(false, "not (not (not c.true=1))")]
    [InlineData(false, "not(not(not c.true=1))")]
    [InlineData(true, "not not not not c.true=1")]
    [InlineData(true, "not not(not not c.true=1)")]
    [InlineData(true, "c.true=1 and c.true=1")]
    [InlineData(false, "c.true=1 and c.false=1")]
    [InlineData(false, "c.false=1 and c.true=1")]
    [InlineData(false, "c.false=1 and c.false=1")]
    [InlineData(false, "c.true=1 and not c.true=1")]
    [InlineData(false, "not c.true=1 and c.true=1")]
    [InlineData(true, "c.true=1 or c.true=1")]
    [InlineData(true, "c.true=1 or c.false=1")]
    [InlineData(true, "c.false=1 or c.true=1")]
    [InlineData(false, "c.false=1 or c.false=1")]
    [InlineData(true, "c.false=1 or not c.false=1")]
    [InlineData(true, "not c.false=1 or c.false=1")]
    [InlineData(true, "c.true=1 or c.true=1 and c.false=1")]
    [InlineData(false, "(c.true=1 or c.true=1) and c.false=1")]
    [InlineData(true, "not (not (c.true=1 or c.true=1) and c.false=1)")]
    [InlineData(false, "not (c.false=1 or c.false=1 or c.true=1)")]
    [InlineData(true, "not (c.false=1 or c.false=1 and not c.true=1)")]
    [InlineData(false, "not (c.false=1 or not c.false=1 and c.true=1)")]
    [InlineData(false, "not ((c.false=1 or not (c.false=1 and not c.true=1)) and c.true=1)")]
    [InlineData(true, @"c.singlequote = 'hello \'quoted\''")]
    [InlineData(true, "c.singlequote = \"hello 'quoted'\"")]
    [InlineData(true, "c.doublequote = 'hello \"quoted\"'")]
    [InlineData(true, "c.doublequote = \"hello \\\"quoted\\\"\"")]
    [InlineData(false, @"c.singlequote = 'hello \\'quoted\\''")]
    [InlineData(false, "c.singlequote = \"hello ''quoted''\"")]
    [InlineData(false, "c.doublequote = \"hello \\\\\"quoted\\\\\"\"")]
    [InlineData(false, "c.doublequote = 'hello \"\"quoted\"\"'")]
    public void Evaluates_like_libs(bool expected, string condition)
    {
        var h = new FilterHarness();
        Assert.Equal(expected, h.Eval(condition));
    }

    [Fact]
    public void And_and_or_short_circuit_left_to_right()
    {
        var h = new FilterHarness().Set("test.str", "x");
        Assert.False(h.Eval("c.false=1 and test.str = x"));
        Assert.True(h.Eval("c.true=1 or test.str = y"));
        Assert.Equal(0, h.Test.Calls);
        Assert.True(h.Eval("c.false=1 or test.str = x"));
        Assert.Equal(1, h.Test.Calls);
    }
}
