using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Filter.Parsing;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Rules.Tests.RuleSets;

public class RuleSetTests
{
    private readonly CloudTrailTestFields _ct = new();
    private int _order;

    private CompiledRule Rule(string name, string condition, Priority priority = Priority.Warning, bool enabled = true,
        string output = "%ct.name by %ct.user") =>
        CompiledRule.Compile(_ct.Compiler, _order++, name, FilterParser.Parse(condition, 1000), output, priority,
            ["cloud", "aws"], enabled);

    private List<string> Match(RuleSet set, PluginEvent evt)
    {
        var ctx = _ct.CreateContext();
        var matches = new List<CompiledRule>();
        set.Match(ctx, evt, matches);
        return [.. matches.Select(m => m.Name)];
    }

    private static Dictionary<string, string> Event(params (string Field, string Value)[] fields) =>
        fields.ToDictionary(f => f.Field, f => f.Value);

    private CompiledRule[] ConsoleLoginRules() =>
    [
        Rule("All Events", "evt.num > 0", Priority.Debug, enabled: false),
        Rule("Console Login Without MFA",
            "ct.name=\"ConsoleLogin\" and not ct.error exists and ct.user.identitytype!=\"AssumedRole\" and json.value[/additionalEventData/MFAUsed]=\"No\"",
            Priority.Critical),
        Rule("Console Root Login Without MFA",
            "ct.name=\"ConsoleLogin\" and not ct.error exists and json.value[/additionalEventData/MFAUsed]=\"No\" and ct.user.identitytype=\"Root\"",
            Priority.Critical),
        Rule("Create AWS user", "ct.name=\"CreateUser\" and not ct.error exists", Priority.Informational),
        Rule("Any Error", "ct.error exists", Priority.Notice),
    ];

    private PluginEvent RootLoginWithoutMfa() => _ct.AddEvent(1, Event(
        ("ct.name", "ConsoleLogin"), ("ct.user.identitytype", "Root"), ("json.value[/additionalEventData/MFAUsed]", "No")));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void First_matching_returns_the_earliest_defined_match(bool useIndex)
    {
        var set = new RuleSet(_ct.Compiler, ConsoleLoginRules(), new RuleSetOptions { UseIndex = useIndex });

        Assert.Equal(["Console Login Without MFA"], Match(set, RootLoginWithoutMfa()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void All_matching_returns_every_match_in_definition_order(bool useIndex)
    {
        var set = new RuleSet(_ct.Compiler, ConsoleLoginRules(),
            new RuleSetOptions { Matching = RuleMatching.All, UseIndex = useIndex });

        Assert.Equal(["Console Login Without MFA", "Console Root Login Without MFA"], Match(set, RootLoginWithoutMfa()));
    }

    [Fact]
    public void Rules_less_severe_than_the_minimum_priority_never_run()
    {
        var set = new RuleSet(_ct.Compiler, ConsoleLoginRules(),
            new RuleSetOptions { Matching = RuleMatching.All, MinimumPriority = Priority.Notice });
        var createUser = _ct.AddEvent(2, Event(("ct.name", "CreateUser")));
        var failed = _ct.AddEvent(3, Event(("ct.name", "CreateUser"), ("ct.error", "AccessDenied")));

        Assert.Empty(Match(set, createUser));
        Assert.Equal(["Any Error"], Match(set, failed));
        Assert.DoesNotContain(set.ActiveRules, r => r.Name == "Create AWS user");
    }

    [Fact]
    public void Disabled_rules_never_run()
    {
        var set = new RuleSet(_ct.Compiler, ConsoleLoginRules(), new RuleSetOptions { Matching = RuleMatching.All });
        var evt = _ct.AddEvent(4, Event(("ct.name", "Whatever")));

        Assert.Empty(Match(set, evt));
        Assert.Equal(5, set.Rules.Count);
        Assert.Equal(4, set.ActiveRules.Count);
    }

    [Fact]
    public void The_index_is_keyed_by_the_field_most_rules_pin()
    {
        var set = new RuleSet(_ct.Compiler, ConsoleLoginRules());

        Assert.Equal("ct.name", set.Index!.KeyField);
        Assert.Equal(2, set.Index.BucketCount);
        Assert.Equal(["Any Error"], set.Index.Unpinned.Rules.Select(r => r.Name));
    }

    [Fact]
    public void Rules_are_kept_in_definition_order_whatever_order_they_come_in()
    {
        var rules = ConsoleLoginRules();
        var set = new RuleSet(_ct.Compiler, rules.Reverse(), new RuleSetOptions { Matching = RuleMatching.All });

        Assert.Equal(rules.Select(r => r.Name), set.Rules.Select(r => r.Name));
        Assert.Equal(["Console Login Without MFA", "Console Root Login Without MFA"], Match(set, RootLoginWithoutMfa()));
    }

    [Theory]
    [InlineData(RuleMatching.All, true)]
    [InlineData(RuleMatching.All, false)]
    [InlineData(RuleMatching.First, true)]
    [InlineData(RuleMatching.First, false)]
    public void Steady_state_matching_allocates_nothing(RuleMatching matching, bool useIndex)
    {
        var set = new RuleSet(_ct.Compiler, ConsoleLoginRules(),
            new RuleSetOptions { Matching = matching, UseIndex = useIndex });
        var events = new[]
        {
            RootLoginWithoutMfa(),
            _ct.AddEvent(2, Event(("ct.name", "CreateUser"), ("ct.user", "alice"))),
            _ct.AddEvent(3, Event(("ct.name", "CreateUser"), ("ct.error", "AccessDenied"))),
            _ct.AddEvent(4, Event(("ct.name", "GetObject"))),
            _ct.AddEvent(5, Event(("ct.src", "s3.amazonaws.com"))),
        };
        var ctx = _ct.CreateContext();
        var matches = new List<CompiledRule>(8);
        for (var i = 0; i < 100; i++)
        {
            foreach (var e in events)
            {
                set.Match(ctx, e, matches);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 1000; i++)
        {
            foreach (var e in events)
            {
                set.Match(ctx, e, matches);
                total += matches.Count;
            }
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(matching == RuleMatching.All ? 4000 : 3000, total);
    }

    [Fact]
    public void Each_provider_is_asked_once_per_event_for_an_unindexed_rule_set()
    {
        var set = new RuleSet(_ct.Compiler, ConsoleLoginRules(),
            new RuleSetOptions { Matching = RuleMatching.All, UseIndex = false });
        var ctx = _ct.CreateContext();
        var before = (_ct.CloudTrail.Calls, _ct.Json.Calls);

        set.Match(ctx, RootLoginWithoutMfa(), []);

        Assert.Equal(before.Item1 + 1, _ct.CloudTrail.Calls);
        Assert.Equal(before.Item2 + 1, _ct.Json.Calls);
    }

    [Fact]
    public void An_empty_rule_set_matches_nothing()
    {
        var set = new RuleSet(_ct.Compiler, []);

        Assert.Empty(Match(set, RootLoginWithoutMfa()));
        Assert.Null(set.Index!.KeyField);
    }

    [Fact]
    public void With_the_index_an_unmatched_key_costs_one_call_and_a_bucket_hit_one_more_call_for_all_its_slots()
    {
        var set = new RuleSet(_ct.Compiler, ConsoleLoginRules(), new RuleSetOptions { Matching = RuleMatching.All });
        var ctx = _ct.CreateContext();
        var other = _ct.AddEvent(2, Event(("ct.name", "GetObject")));

        var ct0 = _ct.CloudTrail.Calls;
        var json0 = _ct.Json.Calls;
        set.Match(ctx, other, []);
        // The unpinned rule "Any Error" reads ct.error: asked together with the key.
        Assert.Equal(ct0 + 1, _ct.CloudTrail.Calls);
        Assert.Equal(json0, _ct.Json.Calls);

        set.Match(ctx, RootLoginWithoutMfa(), []);
        // The key's provider is asked once more, for every slot of the bucket still missing at once; json once.
        Assert.Equal(ct0 + 3, _ct.CloudTrail.Calls);
        Assert.Equal(json0 + 1, _ct.Json.Calls);
    }
}
