using Falco.Actors.Rules.Loading;
using static Falco.Actors.Rules.Tests.Loading.LoaderTestKit;

namespace Falco.Actors.Rules.Tests.Loading;

public class DocumentStructureTests
{
    [Fact]
    public void Invalid_yaml_is_a_parse_error_with_its_position()
    {
        var error = Load("- rule: x\n  desc: [unclosed\n").Error();
        Assert.Equal(LoadCode.ErrYamlParse, error.Code);
        Assert.Equal("rules.yaml", error.Location.File);
        Assert.True(error.Location.Line >= 2, error.ToString());
    }

    [Fact]
    public void A_scalar_document_is_not_rules_content()
    {
        var error = Load("just a string\n").Error();
        Assert.Equal(LoadCode.ErrYamlValidate, error.Code);
        Assert.Equal("Rules content is not yaml", error.Message);
    }

    [Fact]
    public void A_mapping_document_is_not_an_array_of_objects()
    {
        Assert.Equal("Rules content is not yaml array of objects", Load("rule: x\n").Error().Message);
    }

    [Fact]
    public void Each_element_must_be_a_mapping()
    {
        var error = Load("- list: a\n  items: []\n- just text\n").Error();
        Assert.Equal("Unexpected element type. Each element should be a yaml associative array.", error.Message);
        Assert.Equal(new FileLocation("rules.yaml", 3, 3), error.Location);
    }

    [Fact]
    public void Empty_documents_and_null_entries_are_skipped()
    {
        var result = LoadOk("---\n---\n- \n- list: a\n  items: [x]\n- ~\n");
        Assert.Equal("a", Assert.Single(result.Lists).Name);
    }

    [Fact]
    public void Every_document_of_a_multi_document_file_is_read_in_order()
    {
        var result = LoadOk("""
            - macro: m
              condition: evt.type = open
            ---
            - rule: r
              desc: d
              condition: m
              output: o
              priority: INFO
            """);
        Assert.Equal("evt.type = open", result.Compiled("r"));
    }

    [Fact]
    public void An_error_in_a_later_document_fails_the_whole_file()
    {
        var result = Load("- list: a\n  items: [x]\n---\n- rule: r\n  desc: d\n");
        Assert.Equal("Item has no mapping for key 'condition'", result.Error().Message);
        Assert.Empty(result.Lists);
    }

    [Fact]
    public void An_unknown_top_level_item_is_a_warning()
    {
        var result = LoadOk("- plugins: [x]\n");
        var warning = result.Warning(LoadCode.UnknownItem);
        Assert.Equal("Unknown top level item", warning.Message);
        Assert.Equal(new FileLocation("rules.yaml", 1, 3), warning.Location);
    }

    [Fact]
    public void An_unknown_key_in_an_item_is_a_warning_naming_item_and_key()
    {
        var result = LoadOk("- list: a\n  items: [x]\n  overridde:\n    items: append\n");
        var warning = result.Warning(LoadCode.UnknownKey);
        Assert.Equal("Unknown key 'overridde'. The key will be ignored.", warning.Message);
        Assert.Equal("list 'a'", warning.Item);
        Assert.Equal(new FileLocation("rules.yaml", 3, 3), warning.Location);
    }

    [Fact]
    public void A_missing_required_key_names_the_key_and_the_item()
    {
        var error = Load("\n- rule: r\n  desc: d\n  condition: evt.type = open\n  priority: INFO\n").Error();
        Assert.Equal("Item has no mapping for key 'output'", error.Message);
        Assert.Equal("rule 'r'", error.Item);
        Assert.Equal(new FileLocation("rules.yaml", 2, 3), error.Location);
        Assert.Equal(LoadCode.ErrYamlValidate, error.Code);
    }

    [Theory]
    [InlineData("  output:\n", "Mapping for key 'output' is empty")]
    [InlineData("  output: [a]\n", "Value is not a scalar value")]
    [InlineData("  output: ''\n", "Value must be non-empty")]
    public void Scalar_decode_errors_use_Falcos_wording(string output, string message)
    {
        var yaml = "- rule: r\n  desc: d\n  condition: evt.type = open\n  priority: INFO\n" + output;
        Assert.Equal(message, Load(yaml).Error().Message);
    }

    [Fact]
    public void A_boolean_that_is_not_one_is_not_decodable()
    {
        var error = Load("- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  enabled: maybe\n").Error();
        Assert.Equal("Can't decode YAML scalar value", error.Message);
        Assert.Equal(new FileLocation("rules.yaml", 6, 12), error.Location);
    }

    [Fact]
    public void List_items_must_be_a_sequence_of_scalars()
    {
        Assert.Equal("Value is not a sequence", Load("- list: a\n  items: x\n").Error().Message);
        Assert.Equal("sequence value is not scalar", Load("- list: a\n  items: [[x]]\n").Error().Message);
    }

    [Fact]
    public void Messages_print_file_line_column_item_and_code()
    {
        var error = Load("- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: LOUD\n").Error();
        Assert.Equal("rules.yaml:5:13: error: rule 'r': LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Invalid priority", error.ToString());
    }
}

public class ReaderEdgeCaseTests
{
    [Fact]
    public void A_duplicate_key_is_a_yaml_error_not_a_crash()
    {
        var result = Load("- list: a\n  items: [x]\n  items: [y]\n");
        Assert.Equal(LoadCode.ErrYamlParse, result.Error().Code);
    }

    [Fact]
    public void A_source_key_on_a_macro_is_an_unknown_key()
    {
        var result = LoadOk("- macro: m\n  condition: evt.type = open\n  source: syscall\n");
        Assert.Equal("Unknown key 'source'. The key will be ignored.", result.Warning(LoadCode.UnknownKey).Message);
    }

    [Fact]
    public void Quoted_list_items_keep_their_filter_quotes()
    {
        var result = LoadOk("""
            - list: names
              items: [systemd, '"(systemd)"', "two words"]
            - rule: r
              desc: d
              condition: proc.name in (names)
              output: o
              priority: INFO
            """);
        Assert.Equal("proc.name in ( systemd, \"(systemd)\", \"two words\" )", result.Rule("r").ExpandedCondition);
        var check = Assert.IsType<Rules.Filter.Ast.BinaryCheckExpr>(result.Rule("r").ConditionAst);
        Assert.Equal(["systemd", "(systemd)", "two words"], Assert.IsType<Rules.Filter.Ast.ListExpr>(check.Right).Values);
    }

    [Fact]
    public void Anchors_and_aliases_are_resolved()
    {
        var result = LoadOk("""
            - list: base
              items: &items [a, b]
            - list: copy
              items: *items
            - rule: r
              desc: d
              condition: proc.name in (base) or proc.pname in (copy)
              output: o
              priority: INFO
            """);
        Assert.Equal("(proc.name in (a, b) or proc.pname in (a, b))", result.Compiled("r"));
    }

    [Fact]
    public void Integers_and_booleans_in_other_spellings_are_read_like_yaml_cpp()
    {
        var result = LoadOk("- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  enabled: no\n  capture: On\n");
        Assert.False(result.Rule("r").Enabled);
        Assert.True(result.Rule("r").Capture);
    }
}
