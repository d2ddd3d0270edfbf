using Falco.Actors.Rules.Loading;
using static Falco.Actors.Rules.Tests.Loading.LoaderTestKit;

namespace Falco.Actors.Rules.Tests.Loading;

public class ExceptionTests
{
    private const string Base = """
        - rule: test_rule
          desc: test rule
          condition: evt.type = open
          output: command=%proc.cmdline
          priority: INFO

        """;

    [Fact]
    public void The_condition_is_parenthesised_before_and_not()
    {
        var result = LoadOk("""
            - rule: test_rule
              desc: test rule
              condition: proc.cmdline contains curl or proc.cmdline contains wget
              output: command=%proc.cmdline
              priority: INFO
              exceptions:
                - name: test_exception
                  fields: [proc.cmdline]
                  comps: [contains]
                  values:
                    - [curl 127.0.0.1]
            """);
        Assert.Equal("((proc.cmdline contains curl or proc.cmdline contains wget) and not proc.cmdline contains \"curl 127.0.0.1\")", result.Compiled("test_rule"));
        Assert.Equal(["proc.cmdline"], result.Rule("test_rule").ExceptionFields);
    }

    [Fact]
    public void Field_lists_give_one_conjunction_per_tuple_joined_by_or()
    {
        var result = LoadOk(Base + """
              exceptions:
                - name: known
                  fields: [proc.name, fd.directory]
                  values:
                    - [my-custom-yum, /usr/bin]
                    - [my-custom-apt, /usr/local/bin]
            """);
        Assert.Equal("(evt.type = open and not ((proc.name = my-custom-yum and fd.directory = /usr/bin) or (proc.name = my-custom-apt and fd.directory = /usr/local/bin)))",
            result.Compiled("test_rule"));
    }

    [Fact]
    public void A_single_field_defaults_to_in_over_all_values()
    {
        var result = LoadOk(Base + """
              exceptions:
                - name: names
                  fields: proc.name
                  values: [cat, "my tool"]
            """);
        Assert.Equal("(evt.type = open and not proc.name in (cat, \"my tool\"))", result.Compiled("test_rule"));
    }

    [Fact]
    public void List_operators_wrap_scalars_and_tuple_elements_may_be_lists()
    {
        var result = LoadOk(Base + """
              exceptions:
                - name: e
                  fields: [proc.name, fd.name]
                  comps: [in, pmatch]
                  values:
                    - [cat, [/tmp, /var/tmp]]
            """);
        Assert.Equal("(evt.type = open and not (proc.name in (cat) and fd.name pmatch (/tmp, /var/tmp)))", result.Compiled("test_rule"));
    }

    [Fact]
    public void List_names_inside_exception_values_are_expanded()
    {
        var result = LoadOk("- list: tools\n  items: [cat, dog]\n" + Base + """
              exceptions:
                - name: e
                  fields: [proc.name]
                  comps: [in]
                  values:
                    - [tools]
            """);
        Assert.Equal("(evt.type = open and not proc.name in (cat, dog))", result.Compiled("test_rule"));
    }

    [Fact]
    public void A_value_that_looks_like_a_field_stays_a_string()
    {
        var result = LoadOk(Base + "  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [=]\n      values:\n        - [proc.pname]\n");
        Assert.Equal("(evt.type = open and not proc.name = proc.pname)", result.Compiled("test_rule"));
    }

    [Fact]
    public void A_value_with_a_space_is_quoted()
    {
        var result = LoadOk(Base + "  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [=]\n      values:\n        - [\"proc.pname \"]\n");
        Assert.Equal("(evt.type = open and not proc.name = \"proc.pname \")", result.Compiled("test_rule"));
    }

    [Fact]
    public void A_transformer_value_is_honoured()
    {
        var result = LoadOk(Base + "  exceptions:\n    - name: e\n      fields: [proc.name]\n      comps: [=]\n      values:\n        - [toupper(proc.pname)]\n");
        Assert.Equal("(evt.type = open and not proc.name = toupper(proc.pname))", result.Compiled("test_rule"));
    }

    [Fact]
    public void A_transformer_field_is_honoured()
    {
        var result = LoadOk(Base + "  exceptions:\n    - name: e\n      fields: [\"tolower( proc.name)\"]\n      comps: [=]\n      values:\n        - [test]\n");
        Assert.Equal("(evt.type = open and not tolower(proc.name) = test)", result.Compiled("test_rule"));
        Assert.Empty(result.Messages);
    }

    [Fact]
    public void Modifier_operators_are_accepted_for_single_fields()
    {
        var result = LoadOk(Base + "  exceptions:\n    - name: e\n      fields: proc.name\n      comps: startswith oneof\n      values: [a, b]\n");
        Assert.Equal("(evt.type = open and not proc.name startswith oneof (a, b))", result.Compiled("test_rule"));
    }

    [Fact]
    public void An_exception_without_values_adds_nothing()
    {
        var result = LoadOk(Base + "  exceptions:\n    - name: e\n      fields: [proc.name]\n");
        Assert.Equal("evt.type = open", result.Compiled("test_rule"));
    }

    [Fact]
    public void Appending_values_to_an_existing_exception_concatenates_them()
    {
        var result = LoadOk(Base + """
              exceptions:
                - name: e
                  fields: [proc.name]
                  values:
                    - [cat]
            - rule: test_rule
              exceptions:
                - name: e
                  values:
                    - [dog]
                - name: f
                  fields: fd.name
                  values: [/tmp]
              override:
                exceptions: append
            """);
        Assert.Equal("(evt.type = open and not (proc.name = cat or proc.name = dog) and not fd.name in (/tmp))", result.Compiled("test_rule"));
    }

    [Fact]
    public void Replacing_exceptions_replaces_the_whole_list()
    {
        var result = LoadOk(Base + """
              exceptions:
                - name: e
                  fields: [proc.name]
                  values:
                    - [cat]
            - rule: test_rule
              exceptions:
                - name: f
                  fields: fd.name
                  values: [/tmp]
              override:
                exceptions: replace
            """);
        Assert.Equal("(evt.type = open and not fd.name in (/tmp))", result.Compiled("test_rule"));
    }

    [Theory]
    [InlineData("      fields: [proc.cmdline]\n", "Can not append exception fields to existing exception, only values")]
    [InlineData("      comps: [=]\n", "Can not append exception comps to existing exception, only values")]
    public void Appending_to_an_existing_exception_takes_only_values(string extra, string message)
    {
        var yaml = Base + "  exceptions:\n    - name: e\n      fields: [proc.name]\n      values:\n        - [cat]\n"
            + "- rule: test_rule\n  append: true\n  exceptions:\n    - name: e\n" + extra + "      values:\n        - [dog]\n";
        Assert.Equal(message, Load(yaml).Error().Message);
    }

    [Fact]
    public void A_new_appended_exception_needs_values()
    {
        var yaml = Base + "- rule: test_rule\n  append: true\n  exceptions:\n    - name: e\n      fields: [proc.name]\n";
        var result = Load(yaml);
        Assert.True(result.HasWarning("Overriding/appending exception with no values"));
        Assert.Equal("Rule exception must have values property with a list of values", result.Error().Message);
    }

    [Fact]
    public void A_new_appended_exception_needs_fields()
    {
        var yaml = Base + "- rule: test_rule\n  append: true\n  exceptions:\n    - name: e\n      values:\n        - [x]\n";
        Assert.Equal("Rule exception must have fields property with a list of fields", Load(yaml).Error().Message);
    }

    [Fact]
    public void Appending_an_exception_without_values_warns()
    {
        var result = LoadOk(Base + """
              exceptions:
                - name: test_exception
                  fields: [proc.cmdline]
                  comps: [contains]
                  values:
                    - [curl 127.0.0.1]
            - rule: test_rule
              exceptions:
                - name: test_exception
                  value: curl 1.1.1.1
              override:
                exceptions: append
            """);
        Assert.Equal("Overriding/appending exception with no values", result.Warning(LoadCode.AppendNoValues).Message);
    }

    [Fact]
    public void Duplicate_exception_names_warn()
    {
        var result = LoadOk(Base + """
              exceptions:
                - name: test_exception
                  fields: [proc.cmdline]
                  comps: [contains]
                  values:
                    - [curl 127.0.0.1]
                - name: test_exception
                  fields: [proc.cmdline]
                  comps: [endswith]
                  values:
                    - [curl 127.0.0.1]
            """);
        Assert.Equal("Multiple definitions of exception 'test_exception' in the same rule", result.Warning(LoadCode.ExceptionNameNotUnique).Message);
    }

    [Theory]
    [InlineData("      comps: [=]\n      values:\n        - [a]\n", "Item has no mapping for key 'fields'")]
    [InlineData("      fields: [proc.name, fd.name]\n      comps: [=]\n", "Fields and comps lists must have equal length")]
    [InlineData("      fields: [proc.name]\n      comps: [like]\n", "'like' is not a supported comparison operator")]
    [InlineData("      fields: [proc.name]\n      comps: [in oneof]\n", "'in oneof' is not a supported comparison operator")]
    [InlineData("      fields: [proc.name]\n      comps: [startswith someof]\n", "'startswith someof' is not a supported comparison operator")]
    [InlineData("      fields: proc.name\n      comps: contains\n", "When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)")]
    [InlineData("      fields: proc.name\n      comps: [in]\n", "Fields and comps must both be strings")]
    [InlineData("      fields: proc.name\n      comps: =\n", "When fields is a single value, comps must be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)")]
    [InlineData("      fields: proc.name\n      values: [[a, b]]\n", "Expected values array to contain a list of strings")]
    [InlineData("      fields: [proc.name, fd.name]\n      values:\n        - [a]\n", "Fields and values lists must have equal length")]
    public void Exception_definitions_are_validated(string body, string message)
    {
        var error = Load(Base + "  exceptions:\n    - name: e\n" + body).Error();
        Assert.Equal(message, error.Message);
        Assert.Equal("rule 'test_rule', exception 'e'", error.Item);
    }

    [Theory]
    [InlineData("  exceptions: x\n", "Rule exceptions must be a sequence")]
    [InlineData("  exceptions:\n    - x\n", "Rule exception must be a mapping")]
    [InlineData("  exceptions:\n    - fields: [a.b]\n", "Item has no mapping for key 'name'")]
    [InlineData("  exceptions:\n    - name: e\n      fields: [a.b]\n      values: x\n", "Rule exception values must be a sequence")]
    public void Exception_structure_is_validated(string body, string message) =>
        Assert.Equal(message, Load(Base + body).Error().Message);
}
