using Falco.Actors.Rules.Filter.Parsing;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Rules.Tests.RuleSets;

/// <summary>falco.yaml's <c>rules:</c> selections, as Falco's engine applies them to a source's ruleset.</summary>
public class RuleSelectionTests
{
    private readonly CloudTrailTestFields _ct = new();
    private int _order;

    private CompiledRule Rule(string name, string[] tags, bool enabled = true, Priority priority = Priority.Warning) =>
        CompiledRule.Compile(_ct.Compiler, _order++, name, FilterParser.Parse("ct.name = \"ConsoleLogin\"", 1000),
            "login by %ct.user", priority, tags, enabled);

    private CompiledRule[] Rules() =>
    [
        Rule("Console Login", ["aws", "identity"]),
        Rule("Console Root Login", ["aws", "root"]),
        Rule("Create User", ["aws", "identity"], enabled: false),
        Rule("Debug Everything", ["debug"], priority: Priority.Debug),
    ];

    private static RuleSelection Enable(string? rule = null, string? tag = null) => new(true, rule, tag);

    private static RuleSelection Disable(string? rule = null, string? tag = null) => new(false, rule, tag);

    private static string[] Running(RuleSet set) => [.. set.ActiveRules.Select(r => r.Name)];

    private RuleSet Select(params RuleSelection[] selections) =>
        new(_ct.Compiler, Rules(), new RuleSetOptions { Selections = selections });

    [Theory]
    [InlineData("Console Login", "Console Login", true)]
    [InlineData("Console Login", "Console Login Extra", false)]
    [InlineData("console login", "Console Login", false)]
    [InlineData("Console*", "Console Root Login", true)]
    [InlineData("*Login", "Console Root Login", true)]
    [InlineData("*Root*", "Console Root Login", true)]
    [InlineData("C*R*n", "Console Root Login", true)]
    [InlineData("*", "anything", true)]
    [InlineData("***", "", true)]
    [InlineData("Console*x", "Console Root Login", false)]
    [InlineData("Consolex*", "Console", false)]
    // Falco's matcher takes the first occurrence of the text after a star and never backtracks.
    [InlineData("*a", "aXa", false)]
    [InlineData("*Login", "Login Login", false)]
    public void Names_match_as_falco_matches_wildcards(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, RuleSelection.NameMatches(pattern, name));
    }

    [Fact]
    public void Without_selections_the_rules_enabled_in_their_files_run_in_definition_order()
    {
        Assert.Equal(["Console Login", "Console Root Login", "Debug Everything"], Running(Select()));
    }

    [Fact]
    public void A_wildcard_disable_then_a_tag_enable_leave_the_tagged_rules_running()
    {
        var set = Select(Disable(rule: "*"), Enable(tag: "identity"));

        // Create User was disabled in its file: a selection enables it.
        Assert.Equal(["Console Login", "Create User"], Running(set));
        Assert.Equal([0, 1], set.ActiveRules.Select(r => r.Order));
    }

    [Fact]
    public void A_rule_enabled_again_runs_after_the_rules_that_stayed_enabled()
    {
        var set = Select(Disable(rule: "Console Login"), Enable(rule: "Console Login"));

        Assert.Equal(["Console Root Login", "Debug Everything", "Console Login"], Running(set));
    }

    [Fact]
    public void An_item_with_a_name_and_a_tag_applies_the_name_then_the_tag()
    {
        var set = Select(Disable(rule: "Debug*", tag: "root"));

        Assert.Equal(["Console Login"], Running(set));
    }

    [Fact]
    public void A_selection_cannot_enable_a_rule_below_the_minimum_priority()
    {
        var set = new RuleSet(_ct.Compiler, Rules(), new RuleSetOptions
        {
            MinimumPriority = Priority.Informational,
            Selections = [Enable(rule: "*")],
        });

        Assert.Equal(["Console Login", "Console Root Login", "Create User"], Running(set));
    }

    [Fact]
    public void A_selection_that_matches_nothing_changes_nothing()
    {
        Assert.Equal(Running(Select()), Running(Select(Disable(rule: "Nope*"), Disable(tag: "nope"))));
    }
}
