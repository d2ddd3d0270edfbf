using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Rules.Tests.Loading;

/// <summary>Rules of a source with a field registry are compiled: conditions and outputs checked against its fields.</summary>
public class CompileTests
{
    private static RulesLoadResult Load(string yaml, bool withJson = true) =>
        TestSources.CloudTrailLoader(withJson).LoadContent("ct.yaml", yaml);

    private static string RuleYaml(string condition, string output = "user=%ct.user", string extra = "") =>
        $"- rule: r\n  desc: d\n  condition: {condition}\n  output: {output}\n  priority: WARNING\n  source: aws_cloudtrail\n{extra}";

    [Fact]
    public void A_valid_rule_gets_a_compiled_filter_from_its_sources_compiler()
    {
        var result = Load(RuleYaml("ct.name=\"ConsoleLogin\" and not ct.error exists"));
        Assert.True(result.Successful, string.Join("\n", result.Messages));
        Assert.NotNull(result.Rules[0].Filter);
        Assert.Same(result.Compilers["aws_cloudtrail"].Registry.Source, "aws_cloudtrail");
    }

    [Fact]
    public void An_unknown_field_in_a_condition_is_a_compile_error_at_the_condition()
    {
        var error = Load(RuleYaml("ct.nope = x")).Errors.Single();
        Assert.Equal(LoadCode.ErrCompileCondition, error.Code);
        Assert.Equal("filter error at index 0, line 1, column 1: filter_check called with nonexistent field ct.nope", error.Message);
        Assert.Equal(new FileLocation("ct.yaml", 3, 14), error.Location);
        Assert.Equal("rule 'r'", error.Item);
    }

    [Fact]
    public void Without_the_json_plugin_json_value_does_not_compile()
    {
        var result = Load(RuleYaml("json.value[/a]=x"), withJson: false);
        Assert.Contains("nonexistent field json.value", result.Errors.Single().Message);
    }

    [Fact]
    public void Skip_if_unknown_filter_turns_an_unknown_field_into_a_warning_and_skips_the_rule()
    {
        var result = Load(RuleYaml("ct.nope = x", extra: "  skip-if-unknown-filter: true\n"));
        Assert.True(result.Successful);
        Assert.Empty(result.Rules);
        var warning = Assert.Single(result.Warnings, w => w.Code == LoadCode.UnknownFilter);
        Assert.Contains("nonexistent field ct.nope", warning.Message);
    }

    [Fact]
    public void Skip_if_unknown_filter_does_not_hide_other_errors()
    {
        var result = Load(RuleYaml("evt.num > abc", extra: "  skip-if-unknown-filter: true\n"));
        Assert.Equal(LoadCode.ErrCompileCondition, result.Errors.Single().Code);
    }

    [Fact]
    public void An_unknown_field_in_the_output_is_an_output_error_at_the_output()
    {
        var error = Load(RuleYaml("ct.name = x", output: "user=%ct.nope")).Errors.Single();
        Assert.Equal(LoadCode.ErrCompileOutput, error.Code);
        Assert.StartsWith("unknown filter:", error.Message);
        Assert.Equal(new FileLocation("ct.yaml", 4, 11), error.Location);
    }

    [Fact]
    public void Skip_if_unknown_filter_also_covers_the_output()
    {
        var result = Load(RuleYaml("ct.name = x", output: "user=%ct.nope", extra: "  skip-if-unknown-filter: true\n"));
        Assert.True(result.Successful);
        Assert.Empty(result.Rules);
        Assert.Contains(result.Warnings, w => w.Code == LoadCode.UnknownFilter);
    }

    [Fact]
    public void A_field_used_as_a_constant_string_is_a_condition_warning()
    {
        var result = Load(RuleYaml("ct.name = ct.user"));
        Assert.True(result.Successful);
        var warning = Assert.Single(result.Warnings, w => w.Code == LoadCode.CompileCondition);
        Assert.Equal("'ct.user' may be a valid field misused as a const string value", warning.Message);
    }

    [Fact]
    public void Exception_fields_are_checked_against_the_source()
    {
        var result = Load(RuleYaml("ct.name = x", extra: "  exceptions:\n    - name: e\n      fields: [ct.nope]\n      values:\n        - [a]\n"));
        Assert.Equal("'ct.nope' is not a supported filter field", result.Errors.Single().Message);
        var ok = Load(RuleYaml("ct.name = x", extra: "  exceptions:\n    - name: e\n      fields: [\"tolower(ct.user)\", \"json.value[/a]\"]\n      values:\n        - [a, b]\n"));
        Assert.True(ok.Successful, string.Join("\n", ok.Messages));
    }

    [Fact]
    public void Rules_of_one_source_share_its_compiler()
    {
        var result = Load(RuleYaml("ct.name = x") + RuleYaml("ct.name = y").Replace("rule: r", "rule: r2"));
        Assert.True(result.Successful);
        Assert.Equal(2, result.Rules.Count);
        Assert.Single(result.Compilers);
    }
}
