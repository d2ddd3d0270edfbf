using Falco.Actors.Rules.CloudTrail.Tests.Harness;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Rules.CloudTrail.Tests;

/// <summary>
/// Every rule against its fixture: the records are written as a CloudTrail log file, read back by the cloudtrail
/// plugin and evaluated with the real extractors, once with <c>rule_matching: all</c> and once with <c>first</c>.
/// </summary>
public sealed class RuleFixtureTests : IClassFixture<RuleFixtureTests.Harnesses>
{
    private readonly Harnesses _harnesses;

    public RuleFixtureTests(Harnesses harnesses) => _harnesses = harnesses;

    public static TheoryData<string> Fixtures => [.. RuleFixture.Files().Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Each_record_raises_exactly_its_alerts_with_rule_matching_all_and_first(string file)
    {
        var fixture = RuleFixture.Load(Path.Combine(RuleFixture.Directory, file));
        var harness = _harnesses.For(fixture.ExtraRules);
        using var logs = new CloudTrailLogDirectory();
        logs.Write(fixture.Cases.Select(c => c.Record));

        var all = harness.Run(logs.Path, harness.All);
        var first = harness.Run(logs.Path, harness.First);

        // One line per case, so a failure shows which record raised what.
        Assert.Equal(fixture.Cases.Select(c => Line(c.Name, c.Alerts)), all.Select((e, i) => Line(fixture.Cases[i].Name, e.RuleNames)));
        Assert.Equal(fixture.Cases.Select(c => Line(c.Name, c.Alerts.Take(1))), first.Select((e, i) => Line(fixture.Cases[i].Name, e.RuleNames)));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Each_fixture_has_records_that_raise_its_rule_and_records_that_do_not(string file)
    {
        var fixture = RuleFixture.Load(Path.Combine(RuleFixture.Directory, file));
        Assert.Equal(RuleFixture.SlugOf(fixture.Rule) + ".json", file);
        Assert.Contains(fixture.Cases, c => c.Alerts.Contains(fixture.Rule));
        if (fixture.Rule != "All Cloudtrail Events")
        {
            Assert.Contains(fixture.Cases, c => !c.Alerts.Contains(fixture.Rule));
        }
    }

    [Fact]
    public void Every_rule_of_the_file_has_a_fixture()
    {
        var harness = _harnesses.For(null);
        var fixtures = RuleFixture.Files().Select(f => RuleFixture.Load(f).Rule);
        Assert.Equal(harness.Rules.Select(r => r.Name).Order(StringComparer.Ordinal), fixtures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_disabled_rules_raise_nothing_by_default()
    {
        var harness = _harnesses.For(null);
        using var logs = new CloudTrailLogDirectory();
        var cases = RuleFixture.Files().SelectMany(f => RuleFixture.Load(f).Cases).ToList();
        logs.Write(cases.Select(c => c.Record), gzip: false);

        var events = harness.Run(logs.Path, harness.All);

        Assert.Equal(cases.Count, events.Count);
        string[] disabled = ["All Cloudtrail Events", "List Buckets"];
        Assert.Equal(disabled, harness.Rules.Where(r => !r.Enabled).Select(r => r.Name));
        Assert.DoesNotContain(events.SelectMany(e => e.RuleNames), disabled.Contains);
        Assert.Contains(cases, c => c.Alerts.Contains("List Buckets"));
    }

    [Fact]
    public void Alerts_carry_the_rule_s_priority_tags_and_rendered_values()
    {
        var fixture = RuleFixture.Load(Path.Combine(RuleFixture.Directory, "administrator-policy-attached.json"));
        var harness = _harnesses.For(null);
        using var logs = new CloudTrailLogDirectory();
        logs.Write([fixture.Cases[1].Record]);

        var alert = Assert.Single(Assert.Single(harness.Run(logs.Path, harness.First)).Alerts);

        Assert.Equal(("Administrator Policy Attached", Priority.Critical), (alert.Rule, alert.Priority));
        Assert.Equal(["T1098.003", "aws", "aws_iam", "cloud", "mitre_persistence", "mitre_privilege_escalation"], alert.Tags);
        Assert.Equal("The AdministratorAccess policy has been attached. (requesting user=PlatformDeployer, requesting IP=203.0.113.10, "
            + "AWS region=us-east-1, operation=AttachRolePolicy, user=<NA>, role=ci-deploy, group=<NA>, "
            + "policy=arn:aws:iam::aws:policy/AdministratorAccess)", alert.Message);
    }

    private static string Line(string name, IEnumerable<string> rules) => $"{name}: [{string.Join(", ", rules)}]";

    /// <summary>One harness per distinct extra rules text, shared by the class's tests (which run one at a time).</summary>
    public sealed class Harnesses : IDisposable
    {
        private readonly Dictionary<string, CloudTrailRuleHarness> _byExtraRules = new(StringComparer.Ordinal);

        public CloudTrailRuleHarness For(string? extraRules)
        {
            var key = extraRules ?? "";
            if (!_byExtraRules.TryGetValue(key, out var harness))
            {
                _byExtraRules[key] = harness = CloudTrailRuleHarness.Create(extraRules is null ? [] : [extraRules]);
            }
            return harness;
        }

        public void Dispose()
        {
            foreach (var harness in _byExtraRules.Values)
            {
                harness.Dispose();
            }
        }
    }
}
