using System.Text;
using Falco.Actors.Rules.Loading;
using static Falco.Actors.Rules.Tests.Loading.LoaderTestKit;

namespace Falco.Actors.Rules.Tests.Loading;

/// <summary>Rules files built to exhaust the loader (deep nesting, alias bombs) fail with one error, quickly.</summary>
public class HostileInputTests
{
    private const int Deep = 60_000;

    // Block nesting costs indentation quadratic in depth: 60,000 levels would be a 1.8 GB file.
    private const int DeepBlocks = 2 * LimitedYamlParser.MaxDepth;

    [Fact]
    public void Nested_flow_brackets_are_refused_at_the_limit()
    {
        var yaml = "- rule: r\n  desc: " + new string('[', Deep) + new string(']', Deep) + "\n";

        var error = Load(yaml).Error();

        Assert.Equal(LoadCode.ErrYamlParse, error.Code);
        Assert.Equal("rules.yaml", error.Location.File);
        Assert.Equal(2, error.Location.Line);
        Assert.Equal($"YAML nesting deeper than {LimitedYamlParser.MaxDepth} levels", error.Message);
        Assert.DoesNotContain('\n', error.ToString());
    }

    [Fact]
    public void Nested_block_mappings_are_refused_at_the_limit()
    {
        var yaml = new StringBuilder("- rule: r\n");
        for (var i = 0; i < DeepBlocks; i++)
        {
            yaml.Append(' ', i + 2).Append("k:\n");
        }

        var error = Load(yaml.ToString()).Error();

        Assert.Equal(LoadCode.ErrYamlParse, error.Code);
        Assert.Equal(LimitedYamlParser.MaxDepth + 1, error.Location.Line);
        Assert.Equal($"YAML nesting deeper than {LimitedYamlParser.MaxDepth} levels", error.Message);
    }

    [Fact]
    public void A_billion_laughs_is_refused_at_the_alias_that_passes_the_budget()
    {
        var error = Load(BillionLaughs()).Error();

        Assert.Equal(LoadCode.ErrYamlParse, error.Code);
        Assert.Equal("rules.yaml", error.Location.File);
        Assert.InRange(error.Location.Line, 2, 20);
        Assert.Equal($"YAML aliases expand to more than {LimitedYamlParser.MaxAliasedNodes} nodes", error.Message);
    }

    [Fact]
    public void A_condition_with_deeply_nested_parentheses_is_a_filter_error()
    {
        var condition = new string('(', Deep) + "evt.type = open" + new string(')', Deep);
        var yaml = $"- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: {condition}\n";

        var error = Load(yaml).Error();

        Assert.Equal(LoadCode.ErrCompileCondition, error.Code);
        Assert.Equal(new FileLocation("rules.yaml", 5, 14), error.Location);
        Assert.EndsWith("exceeded max depth limit of 1000", error.Message);
    }

    [Fact]
    public void Macros_nested_through_each_other_beyond_the_limit_are_an_error()
    {
        var yaml = new StringBuilder("- macro: m0\n  condition: evt.type = open\n");
        for (var i = 1; i <= 2 * MacroResolver.MaxDepth; i++)
        {
            yaml.Append($"- macro: m{i}\n  condition: not m{i - 1}\n");
        }
        yaml.Append($"- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: m{2 * MacroResolver.MaxDepth}\n");

        var error = Load(yaml.ToString()).Error();

        Assert.Equal(LoadCode.ErrValidate, error.Code);
        Assert.Equal($"macro 'm{MacroResolver.MaxDepth + 1}'", error.Item);
        Assert.Equal($"condition nested deeper than {MacroResolver.MaxDepth} levels once its macros are expanded", error.Message);
    }

    [Fact]
    public void Macros_doubling_each_other_beyond_the_node_budget_are_an_error()
    {
        var yaml = new StringBuilder("- macro: m0\n  condition: evt.type = open\n");
        for (var i = 1; i <= 40; i++)
        {
            yaml.Append($"- macro: m{i}\n  condition: m{i - 1} or m{i - 1}\n");
        }
        yaml.Append("- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: m40\n");

        var error = Load(yaml.ToString()).Error();

        Assert.Equal(LoadCode.ErrValidate, error.Code);
        Assert.Equal($"condition has more than {MacroResolver.MaxNodes} nodes once its macros are expanded", error.Message);
    }

    // 9 levels of 9 aliases each: 9^9 scalars once expanded.
    internal static string BillionLaughs()
    {
        var yaml = new StringBuilder("- list: l0\n  items: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            var aliases = string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9));
            yaml.Append($"- list: l{level}\n  items: &l{level} [{aliases}]\n");
        }
        return yaml.ToString();
    }
}
