using Falco.Actors.Rules.Output;
using Falco.Actors.Rules.Tests.RuleSets;

namespace Falco.Actors.Rules.Tests.Output;

public class CompiledOutputTests
{
    private readonly CloudTrailTestFields _ct = new();

    private string? Render(string format, params (string, string)[] fields)
    {
        var output = CompiledOutput.Compile(format, _ct.Compiler);
        var ctx = _ct.CreateContext(TimeZoneInfo.Utc);
        ctx.Reset(_ct.AddEvent(7, fields.ToDictionary(f => f.Item1, f => f.Item2)));
        var sb = new System.Text.StringBuilder();
        return output.TryRender(ctx, sb) ? sb.ToString() : null;
    }

    [Fact]
    public void Widths_pad_with_blanks_and_cut_to_that_many_bytes()
    {
        Assert.Equal("[alice     ]", Render("*[%10ct.user]", ("ct.user", "alice")));
        Assert.Equal("[ali]", Render("*[%3ct.user]", ("ct.user", "alice")));
        Assert.Equal("[7    ]", Render("*[%5evt.num]"));
        Assert.Equal("[<NA>  ]", Render("*[%6ct.user]"));
        // Cutting inside a two-byte character leaves invalid UTF-8, shown as U+FFFD.
        Assert.Equal("[z\uFFFD]", Render("*[%2ct.user]", ("ct.user", "zë")));
    }

    [Fact]
    public void Without_a_star_a_missing_value_fails_the_render()
    {
        Assert.Null(Render("user=%ct.user"));
        Assert.Equal("user=bob", Render("user=%ct.user", ("ct.user", "bob")));
        Assert.Equal("user=<NA>", Render("*user=%ct.user"));
    }

    [Fact]
    public void Unknown_fields_and_bad_arguments_are_rejected_with_the_compilers_reason()
    {
        var unknown = Assert.Throws<OutputTemplateException>(() => CompiledOutput.Compile("*x=%ct.nope", _ct.Compiler));
        Assert.StartsWith("unknown filter: ", unknown.Message);
        Assert.Contains("ct.nope", unknown.Message);

        var noArg = Assert.Throws<OutputTemplateException>(() => CompiledOutput.Compile("*x=%json.value", _ct.Compiler));
        Assert.StartsWith("unknown filter: ", noArg.Message);
    }

    [Fact]
    public void Field_arguments_and_longest_known_prefix()
    {
        Assert.Equal("id=i-123) user=bob.",
            Render("*id=%json.value[/responseElements/instancesSet/items/0/instanceId]) user=%ct.user.",
                ("json.value[/responseElements/instancesSet/items/0/instanceId]", "i-123"), ("ct.user", "bob")));
    }

    [Fact]
    public void Transformers_take_blanks_literals_and_lists_as_in_conditions()
    {
        var fields = new[] { ("ct.user", "bob"), ("ct.region", "eu") };

        Assert.Equal("BOB!", Render("*%toupper( ct.user )!", fields));
        Assert.Equal("bob@eu", Render("*%concat(ct.user, \"@\", ct.region)", fields));
        Assert.Equal("bob,eu.", Render("*%join(\",\", (ct.user, ct.region)).", fields));
        Assert.Equal("3", Render("*%len(tolower(ct.user))", fields));
    }

    [Fact]
    public void Quoted_field_arguments_are_unescaped()
    {
        Assert.Equal("[v]", Render("*[%json.value[\"/a\\\"b\\\"\\/c\"]]", ("json.value[/a\"b\"/c]", "v")));
        Assert.Equal("[w]", Render("*[%json.value['/c']]", ("json.value[/c]", "w")));
    }

    [Fact]
    public void Output_fields_are_named_by_their_canonical_text()
    {
        var output = CompiledOutput.Compile(
            "%json.value['/c'] %concat(ct.user, \"@\", ct.region) %join(\",\", (ct.user, ct.region))", _ct.Compiler);

        Assert.Equal(
            ["json.value[/c]", "ct.user", "ct.region", "concat(ct.user,@,ct.region)", "ct.user", "ct.region",
             "join(,,(ct.user,ct.region))"],
            output.Fields.Select(f => f.Name));
    }
}
