using Falco.Actors.Rules.Tests.Filter.Evaluation;

namespace Falco.Actors.Rules.Tests.Filter.Compilation;

/// <summary>libs operators_field_types_compatibility: which operator compiles for which field type.</summary>
public sealed class TypeCompatibilityTests
{
    // Operators in table order and a right-hand side that parses for the type, per type.
    private static readonly string[] Operators =
        ["exists", "=", "!=", "<", "<=", ">", ">=", "contains", "in", "intersects", "icontains", "startswith", "endswith",
         "glob", "iglob", "pmatch", "regex", "bcontains", "bstartswith"];

    public static TheoryData<string, string, string> Table()
    {
        var data = new TheoryData<string, string, string>();
        void Row(string field, string value, string allowed)
        {
            foreach (var op in Operators)
            {
                data.Add(field, op, allowed.Split(' ').Contains(op) ? "Y" : "n");
            }
        }
        Row("evt.rawtime", "1", "exists = != < <= > >= in intersects");
        Row("test.rel", "1", "exists = != < <= > >= in intersects");
        Row("evt.num", "1", "exists = != < <= > >= in intersects");
        Row("test.i64", "1", "exists = != < <= > >= in intersects");
        Row("test.bool", "true", "exists = != in intersects");
        Row("test.buf", "303000", "exists = != contains in intersects startswith endswith bcontains bstartswith");
        Row("test.str", "1", "exists = != < <= > >= contains in intersects icontains startswith endswith glob iglob pmatch regex");
        Row("test.ip", "127.0.0.1", "exists = != in intersects");
        Row("test.net", "127.0.0.1/32", "exists = != in intersects");
        Row("test.strlist", "a", "exists in intersects");
        Row("test.u64list", "1", "exists in intersects");
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Operator_compiles_only_for_supported_types(string field, string op, string expected)
    {
        var value = field switch
        {
            "test.bool" => "true",
            "test.ip" => "127.0.0.1",
            "test.net" => "127.0.0.1/32",
            "test.buf" => "303000",
            "test.strlist" => "a",
            _ => "1",
        };
        if (op is "<" or "<=" or ">" or ">=")
        {
            value = "1"; // the grammar only takes numbers after these
        }
        if (op is "bcontains" or "bstartswith")
        {
            value = "303000";
        }
        var condition = op switch
        {
            "exists" => $"{field} exists",
            "in" or "intersects" or "pmatch" => $"{field} {op} ({value})",
            _ => $"{field} {op} {value}",
        };
        var h = new FilterHarness();
        if (expected == "Y")
        {
            h.Compile(condition);
        }
        else
        {
            var message = h.CompileError(condition);
            Assert.Contains($"'{op}' operator not supported", message);
        }
    }

    [Fact]
    public void The_message_names_the_operator_and_the_kind()
    {
        var h = new FilterHarness();
        // libsinsp's wording (filter_compare.cpp), including its "not supported list filters" and bools as numeric.
        Assert.Equal("filter error: 'contains' operator not supported for numeric filters", h.CompileError("evt.num contains 1"));
        Assert.Equal("filter error: '<' operator not supported for numeric filters", h.CompileError("test.bool < 1"));
        Assert.Equal("filter error: '=' operator not supported list filters", h.CompileError("test.strlist == a"));
        Assert.Equal("filter error: 'bcontains' operator not supported for string filters", h.CompileError("test.str bcontains 30"));
        Assert.Equal("filter error: 'icontains' operator not supported for buffer filters", h.CompileError("test.buf icontains 30"));
        Assert.Equal("filter error: 'glob' operator not supported for ip address and network filters", h.CompileError("test.ip glob 30"));
    }

    [Theory]
    [InlineData("test.ip == anyof (127.0.0.1)", true)]
    [InlineData("test.ip == allof (127.0.0.1)", true)]
    [InlineData("test.ip != anyof (127.0.0.1)", true)]
    [InlineData("test.ip != allof (127.0.0.1)", true)]
    [InlineData("test.ip contains anyof (127.0.0.1)", false)]
    [InlineData("test.ip regex allof ('.*')", false)]
    [InlineData("test.net == anyof (127.0.0.1/32)", true)]
    [InlineData("test.net contains anyof (127.0.0.1/32)", false)]
    [InlineData("test.buf bstartswith g", false)]
    [InlineData("test.buf bstartswith 123Z", false)]
    [InlineData("test.buf bstartswith abc_1", false)]
    [InlineData("test.bool = val(test.u64)", false)]
    [InlineData("toupper(test.str) = -1", true)]
    [InlineData("len(test.str) = -1", true)]
    [InlineData("evt.num = 1.0", false)]
    [InlineData("evt.num = 0x10", false)]
    [InlineData("evt.num = -1", true)]
    [InlineData("test.str = \"\\x00\"", false)]
    [InlineData("test.buf = \"\\x00\"", true)]
    [InlineData("test.str regex val(test.str2)", false)]
    [InlineData("test.str pmatch val(test.str2)", false)]
    public void Other_compile_assertions(string condition, bool compiles)
    {
        var h = new FilterHarness();
        if (compiles)
        {
            h.Compile(condition);
        }
        else
        {
            Assert.Throws<Falco.Actors.Rules.Filter.Compilation.FilterCompileException>(() => h.Compile(condition));
        }
    }
}
