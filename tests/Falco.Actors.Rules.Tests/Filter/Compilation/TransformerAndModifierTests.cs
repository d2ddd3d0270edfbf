using Falco.Actors.Rules.Tests.Filter.Evaluation;

namespace Falco.Actors.Rules.Tests.Filter.Compilation;

/// <summary>Transformers, val() field-to-field comparisons, and oneof/anyof/allof modifiers.</summary>
public sealed class TransformerAndModifierTests
{
    [Theory]
    [InlineData("tolower(test.str) = 'hello world/x.txt'", true)]
    [InlineData("toupper(test.str) = 'HELLO WORLD/X.TXT'", true)]
    [InlineData("basename(test.str) = 'X.txt'", true)]
    [InlineData("len(test.str) = 17", true)]
    [InlineData("len(test.strlist) = 3", true)]
    [InlineData("len(test.buf) = 4", true)]
    [InlineData("b64(test.b64) = 'hello'", true)]
    [InlineData("b64(test.b64nopad) = 'hi'", true)]
    [InlineData("b64(test.str) exists", false)]
    [InlineData("toupper(b64(test.b64)) = HELLO", true)]
    [InlineData("b64(toupper(test.b64)) exists", true)]
    [InlineData("tolower(toupper(test.str)) = 'hello world/x.txt'", true)]
    [InlineData("tolower(test.strlist) intersects (b)", true)]
    [InlineData("tolower(test.str) = tolower(test.str2)", true)]
    [InlineData("test.str2 = toupper(test.str3)", true)]
    [InlineData("basename(test.str) endswith .txt", true)]
    public void Transformers(string condition, bool expected)
    {
        var h = new FilterHarness()
            .Set("test.str", "Hello World/X.txt")
            .Set("test.str2", "HELLO WORLD/X.TXT")
            .Set("test.strlist", "A", "B", "C")
            .Set("test.buf", new byte[] { 1, 2, 3, 4 });
        // test.b64 values live in string fields of the test provider.
        h.Set("test.path", "aGVsbG8=");
        condition = condition.Replace("test.b64nopad", "test.key[np]").Replace("test.b64", "test.path").Replace("test.str3", "test.str");
        h.Set("test.key[np]", "aGk");
        Assert.Equal(expected, h.Eval(condition));
    }

    [Theory]
    [InlineData("test.str = val(test.str2)", true)]
    [InlineData("test.str != val(test.str2)", false)]
    [InlineData("test.str contains val(test.path)", true)]
    [InlineData("test.str startswith val(test.path)", true)]
    [InlineData("test.str glob val(test.key[glob])", true)]
    [InlineData("test.u64 < val(test.u64b)", true)]
    [InlineData("test.u64 = val(test.u64b)", false)]
    [InlineData("test.strlist in val(test.strlist2)", true)]
    [InlineData("test.strlist2 in val(test.strlist)", false)]
    [InlineData("test.strlist2 intersects val(test.strlist)", true)]
    [InlineData("test.str = val(test.index[3])", false)]
    [InlineData("test.str != val(test.index[3])", false)]
    public void Val_compares_with_another_field(string condition, bool expected)
    {
        var h = new FilterHarness()
            .Set("test.str", "abcdef").Set("test.str2", "abcdef").Set("test.path", "abc").Set("test.key[glob]", "a*f")
            .Set("test.u64", 1UL).Set("test.u64b", 2UL)
            .Set("test.strlist", "a", "b").Set("test.strlist2", "a", "b", "c");
        Assert.Equal(expected, h.Eval(condition));
    }

    [Theory]
    [InlineData("test.str == oneof (cat, nginx)", true)]
    [InlineData("test.str == oneof (cat, cat)", false)]
    [InlineData("test.str == anyof (dog, cat)", true)]
    [InlineData("test.str == anyof (dog, fox)", false)]
    [InlineData("test.str == allof (cat, cat)", true)]
    [InlineData("test.str == allof (cat, dog)", false)]
    [InlineData("test.str != allof (dog, fox)", true)]
    [InlineData("test.str != anyof (cat, dog)", true)]
    [InlineData("test.str != oneof (cat, dog)", true)]
    [InlineData("test.str contains oneof (c, a)", false)]
    [InlineData("test.str contains anyof (x, a)", true)]
    [InlineData("test.str contains allof (c, a, t)", true)]
    [InlineData("test.str startswith anyof (/proc/, ca)", true)]
    [InlineData("test.str endswith allof (t, at)", true)]
    [InlineData("test.str glob oneof (c*, *dog)", true)]
    [InlineData("test.str iglob allof (C*)", true)]
    [InlineData("test.str icontains anyof (AT)", true)]
    [InlineData("test.str regex anyof ('c.t', 'x')", true)]
    [InlineData("test.str == oneof ()", false)]
    [InlineData("test.str == anyof ()", false)]
    [InlineData("test.str == allof ()", false)]
    public void Modifiers(string condition, bool expected)
    {
        var h = new FilterHarness().Set("test.str", "cat");
        Assert.Equal(expected, h.Eval(condition));
    }

    [Theory]
    [InlineData("join(\"-\", (test.str, test.str2)) = a-b", true)]
    [InlineData("join(',', (test.str, test.u64)) = \"a,123\"", true)]
    [InlineData("join(\"-->\", (test.str)) = a", true)]
    [InlineData("join(\"-\", (\"aaa\", 'bbb')) = aaa-bbb", true)]
    [InlineData("join(\"-\", (\"prefix\", test.str, \"suffix\")) = prefix-a-suffix", true)]
    [InlineData("join(\"-\", (test.u64, 123)) = 123-123", true)]
    [InlineData("join(\"-\", (test.strlist, test.str)) = x-y-a", true)]
    [InlineData("join(\"-\", test.strlist) = x-y", true)]
    [InlineData("join(\"-\", (tolower(test.upper), test.str)) = up-a", true)]
    [InlineData("toupper(join(\"-\", (test.str, test.str2))) = A-B", true)]
    [InlineData("len(join(\"-\", (test.str, test.str2))) = 3", true)]
    [InlineData("join(\"-\", (test.str, test.missing)) = a", true)]
    [InlineData("join(\"-\", ()) exists", false)]
    [InlineData("test.str2 = concat(test.b, test.empty)", true)]
    [InlineData("concat(test.str, test.str2) = ab", true)]
    [InlineData("concat(test.str, \"-\", test.str2) = a-b", true)]
    [InlineData("concat(test.str, test.missing) exists", false)]
    [InlineData("test.path = join(\"/\", (\"\", test.str, test.str2))", true)]
    public void Join_and_concat(string condition, bool expected)
    {
        var h = new FilterHarness()
            .Set("test.str", "a").Set("test.str2", "b").Set("test.u64", 123UL).Set("test.strlist", "x", "y")
            .Set("test.key[upper]", "UP").Set("test.key[b]", "b").Set("test.key[empty]", "").Set("test.path", "/a/b");
        condition = condition.Replace("test.upper", "test.key[upper]").Replace("test.b,", "test.key[b],")
            .Replace("test.empty", "test.key[empty]").Replace("test.missing", "test.key[missing]");
        Assert.Equal(expected, h.Eval(condition));
    }

    [Theory]
    [InlineData("concat(test.str, test.u64) = a", "concat() arguments must be strings")]
    [InlineData("concat(test.str, test.strlist) = a", "concat() arguments must be strings")]
    [InlineData("concat(test.str) = a", "concat() requires at least 2 arguments")]
    [InlineData("join(\"-\", test.str) = a", "join() second argument must be a list")]
    [InlineData("join(test.strlist, (test.str)) = a", "join() first argument (separator) must be a single value, not a list")]
    [InlineData("join(\"-\") = a", "join() requires exactly 2 arguments: separator and list")]
    [InlineData("getopt(test.str, \"nt:\")[t] = a", "getopt() first argument must be a list")]
    [InlineData("getopt(test.strlist, test.strlist2)[t] = a", "getopt() second argument (optstring) must be a single value")]
    [InlineData("getopt(test.u64list, \"nt:\")[t] = a", "getopt() arguments must be strings")]
    [InlineData("getopt(test.strlist)[t] = a", "getopt() requires exactly 2 arguments: args list and optstring")]
    [InlineData("getopt(test.strlist, \"nt:\")[tt] = a", "getopt() field argument must be a single option character")]
    public void Join_and_concat_messages(string condition, string expected) =>
        Assert.Equal(expected, new FilterHarness().CompileError(condition));

    [Theory]
    // argv: -n -t value -xvf file -- -z
    [InlineData("getopt(test.strlist, \"nt:\")[t] = value", true)]
    [InlineData("getopt(test.strlist, \"nt:\")[n] = n", true)]
    [InlineData("getopt(test.strlist, \"nt:\")[z] exists", false)]
    [InlineData("getopt(test.strlist, \"nt:xv f:\")[f] = file", true)]
    [InlineData("getopt(test.strlist, \"nt:\") intersects ('?')", true)]
    [InlineData("len(getopt(test.strlist, \"nt:\")) = 6", true)]
    [InlineData("getopt(test.strlist, \"nt:xvf:\") in (n, t, value, x, v, f, file)", true)]
    [InlineData("len(getopt(test.strlist, \"nt:xvf:\")) = 7", true)]
    [InlineData("getopt(test.strlist2, \"nt:\")[t] = inline", true)]
    [InlineData("getopt(test.strlist2, \"nt:\")[n] exists", false)]
    public void Getopt(string condition, bool expected)
    {
        var h = new FilterHarness()
            .Set("test.strlist", "-n", "-t", "value", "-xvf", "file", "--", "-z")
            .Set("test.strlist2", "--long", "-tinline", "cmd", "-n")
            .Set("test.boollist", true);
        Assert.Equal(expected, h.Eval(condition));
    }

    [Fact]
    public void Getopt_reads_a_missing_option_value_as_empty()
    {
        var h = new FilterHarness().Set("test.strlist", "-n", "-t");
        Assert.True(h.Eval("getopt(test.strlist, \"nt:\")[t] = ''"));
        Assert.True(h.Eval("getopt(test.strlist, \"nt:\") in (n, '')"));
    }

    [Fact]
    public void Join_evaluation_allocates_nothing()
    {
        var h = new FilterHarness().Set("test.str", "a").Set("test.u64", 7UL).Set("test.strlist", "x", "y");
        var f = h.Compile("join(\",\", (test.str, test.u64, test.strlist, \"z\")) = \"a,7,x,y,z\" and concat(test.str, \"!\") = a!");
        void Run(int n)
        {
            for (var i = 0; i < n; i++)
            {
                h.Context.Reset(default);
                if (!f.Evaluate(h.Context))
                {
                    throw new InvalidOperationException("should match");
                }
            }
        }
        Run(50);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(1000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Modifiers_are_rejected_on_numeric_comparisons()
    {
        var h = new FilterHarness();
        Assert.ThrowsAny<Exception>(() => h.Compile("test.u64 > oneof (1, 2)"));
    }

    [Fact]
    public void A_field_name_used_as_a_constant_warns()
    {
        var h = new FilterHarness();
        h.Compile("evt.source = evt.plugininfo");
        Assert.Single(h.Compiler.Warnings);
        Assert.Equal("'evt.plugininfo' may be a valid field misused as a const string value", h.Compiler.Warnings[0].Message);
        h.Compile("evt.source = 'tolower(evt.plugininfo)'");
        Assert.Equal(2, h.Compiler.Warnings.Count);
        h.Compile("evt.source = tolower(evt.plugininfo)");
        h.Compile("evt.source = plugininfo");
        Assert.Equal(2, h.Compiler.Warnings.Count);
    }

    [Theory]
    [InlineData("syscall", 1)]
    [InlineData("^syscall$", 1)]
    [InlineData(".*syscall", 1)]
    [InlineData("syscall.*", 1)]
    [InlineData("syscall.{1}", 0)]
    [InlineData("s.*l", 0)]
    public void Simple_regexes_warn(string pattern, int warnings)
    {
        var h = new FilterHarness();
        h.Compile($"evt.source regex '{pattern}'");
        Assert.Equal(warnings, h.Compiler.Warnings.Count);
    }
}
