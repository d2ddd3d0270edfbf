using Falco.Actors.Engine.Configuration;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Tests.Configuration;

/// <summary>
/// falco.yaml's <c>rules:</c> (Falco 0.39+): its items, as written or given with <c>-o</c>, and its errors; and the
/// errors of <c>append_output</c> and <c>static_fields</c>, the other keys that change rules and alerts.
/// </summary>
public sealed class RulesAndAlertsConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private FalcoConfiguration Load(string yaml, params string[] options) =>
        FalcoConfigurationLoader.LoadFile(_dir.Write("falco.yaml", yaml), options);

    private string Fails(string yaml) =>
        Assert.Throws<ConfigurationException>(() => Load(yaml)).Message.Replace(_dir.File("falco.yaml"), "falco.yaml");

    [Fact]
    public void Items_are_read_in_order()
    {
        var c = Load("""
            rules:
              - disable:
                  rule: "*"
              - enable:
                  tag: identity
              - enable:
                  rule: Console*
                  tag: aws
            """);

        Assert.Equal(
            [new RuleSelection(false, "*", null), new RuleSelection(true, null, "identity"), new RuleSelection(true, "Console*", "aws")],
            c.RulesSelection);
    }

    [Fact]
    public void Options_append_items_as_falco_documents()
    {
        var c = Load("", "rules[].disable.tag=maturity_incubating", "rules[].enable.rule=Adding ssh keys to authorized_keys");

        Assert.Equal(
            [new RuleSelection(false, null, "maturity_incubating"), new RuleSelection(true, "Adding ssh keys to authorized_keys", null)],
            c.RulesSelection);
    }

    [Fact]
    public void Static_fields_are_names_and_values_with_environment_variables_expanded()
    {
        Environment.SetEnvironmentVariable("FALCO_ACTORS_STATIC_TEST", "eu-west-1");
        try
        {
            var c = Load("static_fields:\n  region: ${FALCO_ACTORS_STATIC_TEST}\n  team: sec\n  empty:\n");

            Assert.Equal(new Dictionary<string, string> { ["region"] = "eu-west-1", ["team"] = "sec", ["empty"] = "" }, c.StaticFields);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FALCO_ACTORS_STATIC_TEST", null);
        }
    }

    [Fact]
    public void An_append_output_entry_with_a_rule_and_tags_is_read_with_falcos_warning()
    {
        var c = Load("append_output:\n  - match: {rule: R, tags: [a, b]}\n    extra_output: x\n");

        var warning = Assert.Single(c.Warnings);
        Assert.Equal($"{_dir.File("falco.yaml")}:2:5: append_output[0]: the entry gives both a rule (R) and tags (a, b): "
            + "it applies to that rule only if it has all of these tags", warning.ToString());
    }

    [Theory]
    [InlineData("rules:\n  - enable: x\n", "falco.yaml:2:13: rules[0].enable: expected a map of keys, got 'x'")]
    [InlineData("rules:\n  - enable: {}\n", "falco.yaml:2:13: rules[0].enable: needs a rule name (wildcards allowed) or a tag")]
    [InlineData("rules:\n  - enable: {rule: \"\"}\n", "falco.yaml:2:13: rules[0].enable: needs a rule name (wildcards allowed) or a tag")]
    [InlineData("rules:\n  - enable: {rules: a}\n", "falco.yaml:2:14: rules[0].enable.rules: unknown key: expected 'rule' or 'tag'")]
    [InlineData("rules:\n  - enabled: {rule: a}\n", "falco.yaml:2:5: rules[0].enabled: unknown key: an item is 'enable' or 'disable'")]
    [InlineData("rules:\n  - enable: {rule: a}\n    disable: {tag: b}\n", "falco.yaml:2:5: rules[0]: an item is either 'enable' or 'disable', not both: write two items")]
    [InlineData("rules:\n  - a\n", "falco.yaml:2:5: rules[0]: expected a map with 'enable' or 'disable', got 'a'")]
    [InlineData("rules:\n  - disable: {rule: [a]}\n", "falco.yaml:2:21: rules[0].disable.rule: expected a string, got a list")]
    [InlineData("rules: {enable: {rule: a}}\n", "falco.yaml:1:8: rules: expected a list, got a map")]
    [InlineData("static_fields: [a]\n", "falco.yaml:1:16: static_fields: expected a map of keys, got a list")]
    [InlineData("static_fields:\n  a: [b]\n", "falco.yaml:2:6: static_fields.a: expected a string, got a list")]
    [InlineData("append_output:\n  - match: {source: x, tag: [a]}\n", "falco.yaml:2:24: append_output[0].match.tag: unknown key: expected one of source, rule, tags")]
    [InlineData("append_output:\n  - extra_fields: [{a: x, b: y}]\n", "falco.yaml:2:20: append_output[0].extra_fields[0]: expected one 'name: format' per item")]
    [InlineData("append_output:\n  - extra_fields: [a, {a: x}]\n", "falco.yaml:2:23: append_output[0].extra_fields[1]: 'a' is given twice in this entry")]
    public void Bad_items_name_file_line_column_and_key(string yaml, string expected)
    {
        Assert.Equal(expected, Fails(yaml));
    }
}
