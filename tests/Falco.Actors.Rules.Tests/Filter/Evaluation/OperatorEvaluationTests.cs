namespace Falco.Actors.Rules.Tests.Filter.Evaluation;

/// <summary>Every operator on every field type, evaluated against extracted values.</summary>
public sealed class OperatorEvaluationTests
{
    [Theory]
    // strings
    [InlineData("test.str = hello", true)]
    [InlineData("test.str == hello", true)]
    [InlineData("test.str = Hello", false)]
    [InlineData("test.str != hello", false)]
    [InlineData("test.str != other", true)]
    [InlineData("test.str2 < 3", true)]
    [InlineData("test.str2 < 25", false)]
    [InlineData("test.str2 <= 25", true)]
    [InlineData("test.str2 > 100", true)]
    [InlineData("test.str2 >= 25", true)]
    [InlineData("test.str2 >= 26", false)]
    [InlineData("test.str contains ell", true)]
    [InlineData("test.str contains ELL", false)]
    [InlineData("test.str icontains ELL", true)]
    [InlineData("test.str icontains xyz", false)]
    [InlineData("test.str startswith he", true)]
    [InlineData("test.str startswith lo", false)]
    [InlineData("test.str endswith lo", true)]
    [InlineData("test.str endswith he", false)]
    [InlineData("test.str glob 'h*o'", true)]
    [InlineData("test.str glob 'H*'", false)]
    [InlineData("test.str iglob 'H*'", true)]
    [InlineData("test.str regex 'h.*o'", true)]
    [InlineData("test.str regex 'ell'", false)]
    [InlineData("test.str in (a, hello, b)", true)]
    [InlineData("test.str in (a, b)", false)]
    [InlineData("test.str intersects (hello)", true)]
    [InlineData("test.str exists", true)]
    [InlineData("test.str = ''", false)]
    public void String_operators(string condition, bool expected)
    {
        var h = new FilterHarness().Set("test.str", "hello").Set("test.str2", "25");
        Assert.Equal(expected, h.Eval(condition));
    }

    [Theory]
    [InlineData("test.u64 = 42", true)]
    [InlineData("test.u64 == 43", false)]
    [InlineData("test.u64 != 43", true)]
    [InlineData("test.u64 < 43", true)]
    [InlineData("test.u64 <= 42", true)]
    [InlineData("test.u64 > 42", false)]
    [InlineData("test.u64 >= 42", true)]
    [InlineData("test.u64 in (1, 42)", true)]
    [InlineData("test.u64 in (1, 2)", false)]
    [InlineData("test.u64 intersects (42)", true)]
    [InlineData("test.u64 exists", true)]
    [InlineData("test.i64 = -5", true)]
    [InlineData("test.i64 < 0", true)]
    [InlineData("test.i64 > -6", true)]
    [InlineData("test.i64 in (-5, 3)", true)]
    [InlineData("test.rel = 1000", true)]
    [InlineData("test.rel > 999", true)]
    [InlineData("test.abs >= 1700000000000000000", true)]
    [InlineData("test.abs < 1700000000000000000", false)]
    [InlineData("test.abs in (1700000000000000000)", true)]
    public void Numeric_operators(string condition, bool expected)
    {
        var h = new FilterHarness()
            .Set("test.u64", 42UL).Set("test.i64", -5L).Set("test.rel", 1000UL).Set("test.abs", 1700000000000000000UL);
        Assert.Equal(expected, h.Eval(condition));
    }

    [Theory]
    [InlineData("test.bool = true", true)]
    [InlineData("test.bool = false", false)]
    [InlineData("test.bool != false", true)]
    [InlineData("test.bool in (false, true)", true)]
    [InlineData("test.bool in (false)", false)]
    [InlineData("test.bool intersects (true)", true)]
    [InlineData("test.bool exists", true)]
    public void Bool_operators(string condition, bool expected)
    {
        var h = new FilterHarness().Set("test.bool", true);
        Assert.Equal(expected, h.Eval(condition));
    }

    [Theory]
    [InlineData("test.ip = 10.1.2.3", true)]
    [InlineData("test.ip == 10.1.2.4", false)]
    [InlineData("test.ip != 10.1.2.4", true)]
    [InlineData("test.ip = 10.0.0.0/8", true)]
    [InlineData("test.ip = 192.168.0.0/16", false)]
    [InlineData("test.ip in (1.1.1.1, 10.1.2.3)", true)]
    [InlineData("test.ip in (1.1.1.1, 10.0.0.0/8)", true)]
    [InlineData("test.ip in (1.1.1.1)", false)]
    [InlineData("test.ip intersects (10.1.2.3)", true)]
    [InlineData("test.ip exists", true)]
    [InlineData("test.ip = ::1", false)]
    public void IpAddr_operators(string condition, bool expected)
    {
        var h = new FilterHarness().Set("test.ip", "10.1.2.3");
        Assert.Equal(expected, h.Eval(condition));
    }

    [Fact]
    public void IPv6_addresses_compare()
    {
        var h = new FilterHarness().Set("test.ip", "2001:db8::1");
        Assert.True(h.Eval("test.ip = 2001:db8::1"));
        Assert.True(h.Eval("test.ip = 2001:db8::/32"));
        Assert.False(h.Eval("test.ip = 2001:db9::/32"));
        Assert.False(h.Eval("test.ip = ::1"));
    }

    [Theory]
    [InlineData("test.net = 10.0.0.0/8", true)]
    [InlineData("test.net = 10.0.0.0/16", false)]
    [InlineData("test.net != 10.0.0.0/16", true)]
    [InlineData("test.net in (192.168.0.0/16, 10.0.0.0/8)", true)]
    [InlineData("test.net exists", true)]
    public void IpNet_operators(string condition, bool expected)
    {
        var h = new FilterHarness().Set("test.net", "10.0.0.0/8");
        Assert.Equal(expected, h.Eval(condition));
    }

    [Theory]
    [InlineData("test.buf = 'HTTP/1.1'", true)]
    [InlineData("test.buf != 'HTTP/1.1'", false)]
    [InlineData("test.buf contains TP/", true)]
    [InlineData("test.buf bcontains 54502f", true)]
    [InlineData("test.buf bcontains 545030", false)]
    [InlineData("test.buf startswith HTTP", true)]
    [InlineData("test.buf bstartswith 48545450", true)]
    [InlineData("test.buf bstartswith 54", false)]
    [InlineData("test.buf endswith 1.1", true)]
    [InlineData("test.buf in (x, 'HTTP/1.1')", true)]
    [InlineData("test.buf exists", true)]
    public void ByteBuf_operators(string condition, bool expected)
    {
        var h = new FilterHarness().Set("test.buf", "HTTP/1.1"u8.ToArray());
        Assert.Equal(expected, h.Eval(condition));
    }

    [Theory]
    // in on a list is a subset test; intersects needs one common value
    [InlineData("test.strlist in (a, b, c)", true)]
    [InlineData("test.strlist in (a, b, c, d)", true)]
    [InlineData("test.strlist in (b, c, d)", false)]
    [InlineData("test.strlist intersects (c, d)", true)]
    [InlineData("test.strlist intersects (d, e)", false)]
    [InlineData("test.strlist exists", true)]
    [InlineData("test.u64list in (1, 2, 3)", true)]
    [InlineData("test.u64list in (1, 3)", false)]
    [InlineData("test.u64list intersects (2, 9)", true)]
    [InlineData("test.u64list intersects (3, 9)", false)]
    [InlineData("test.boollist in (true)", false)]
    [InlineData("test.boollist intersects (true)", true)]
    [InlineData("test.iplist in (10.0.0.0/8)", false)]
    [InlineData("test.iplist intersects (10.0.0.0/8)", true)]
    [InlineData("test.iplist in (10.0.0.0/8, 8.8.8.8)", true)]
    public void List_fields_with_in_and_intersects(string condition, bool expected)
    {
        var h = new FilterHarness()
            .Set("test.strlist", "a", "b", "c")
            .Set("test.u64list", 1UL, 2UL)
            .Set("test.boollist", true, false)
            .Set("test.iplist", "10.0.0.1", "8.8.8.8");
        Assert.Equal(expected, h.Eval(condition));
    }

    [Fact]
    public void Docs_example_subset_is_false_when_one_value_is_outside()
    {
        var h = new FilterHarness().Set("test.strlist", "b", "c", "d");
        Assert.False(h.Eval("test.strlist in (a, b, c)"));
        Assert.True(h.Eval("test.strlist intersects (a, b, c)"));
    }

    [Theory]
    [InlineData("test.str = x")]
    [InlineData("test.str != x")]
    [InlineData("test.str exists")]
    [InlineData("test.str contains x")]
    [InlineData("test.str glob '*'")]
    [InlineData("test.str regex '.*'")]
    [InlineData("test.str in (x)")]
    [InlineData("test.str pmatch (/)")]
    [InlineData("test.u64 != 1")]
    [InlineData("test.u64 < 1")]
    [InlineData("test.bool != true")]
    [InlineData("test.ip != 1.2.3.4")]
    [InlineData("test.strlist in (a)")]
    [InlineData("test.strlist intersects (a)")]
    [InlineData("test.str != oneof (a, b)")]
    [InlineData("test.str = val(test.str2)")]
    [InlineData("test.str2 != val(test.str)")]
    [InlineData("tolower(test.str) != x")]
    public void A_missing_value_makes_every_check_false(string condition)
    {
        var h = new FilterHarness().Set("test.str2", "present");
        Assert.False(h.Eval(condition));
        Assert.True(h.Eval($"not {condition}"));
    }

    [Fact]
    public void An_empty_string_is_a_value()
    {
        var h = new FilterHarness().Set("test.str", "");
        Assert.True(h.Eval("test.str exists"));
        Assert.True(h.Eval("test.str = ''"));
        Assert.True(h.Eval("test.str != x"));
    }
}
