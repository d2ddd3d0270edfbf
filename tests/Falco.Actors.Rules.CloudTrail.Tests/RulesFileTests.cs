using System.Text.RegularExpressions;
using Falco.Actors.Rules.CloudTrail.Tests.Harness;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Rules.CloudTrail.Tests;

/// <summary>rules/aws_cloudtrail_rules.yaml as a whole, loaded with the real plugins' fields.</summary>
public sealed class RulesFileTests : IClassFixture<RulesFileTests.Shared>
{
    private static readonly string[] FalcoRules =
    [
        "All Cloudtrail Events", "Console Login Through Assume Role", "Console Login Without MFA",
        "Console Root Login Without MFA", "Deactivate MFA for Root User", "Create AWS user", "Create Group",
        "Delete Group", "ECS Service Created", "ECS Task Run or Started", "Create Lambda Function",
        "Update Lambda Function Code", "Update Lambda Function Configuration", "Run Instances",
        "Run Instances in Non-approved Region", "Delete Bucket Encryption", "Delete Bucket Public Access Block",
        "List Buckets", "Put Bucket ACL", "Put Bucket Policy", "CloudTrail Trail Created", "CloudTrail Logging Disabled",
    ];

    public static readonly TheoryData<string, Priority, string, string> Additions = new()
    {
        { "CloudTrail Trail Deleted", Priority.Critical, "mitre_defense_evasion", "T1562.008" },
        { "CloudTrail Trail Updated", Priority.Notice, "mitre_defense_evasion", "T1562.008" },
        { "CloudTrail Event Selectors Changed", Priority.Warning, "mitre_defense_evasion", "T1562.008" },
        { "Access Key Created For Another User", Priority.Warning, "mitre_persistence", "T1098.001" },
        { "Administrator Policy Attached", Priority.Critical, "mitre_privilege_escalation", "T1098.003" },
        { "Root Account Activity", Priority.Warning, "mitre_privilege_escalation", "T1078.004" },
        { "Console Login Failure", Priority.Notice, "mitre_credential_access", "T1110" },
        { "Security Group Opened To Internet", Priority.Warning, "mitre_defense_evasion", "T1562.007" },
        { "GuardDuty Detector Deleted", Priority.Critical, "mitre_defense_evasion", "T1562.001" },
        { "S3 Bucket Made Public", Priority.Critical, "mitre_collection", "T1530" },
        { "KMS Key Scheduled For Deletion", Priority.Warning, "mitre_impact", "T1485" },
    };

    private readonly CloudTrailRuleHarness _harness;

    public RulesFileTests(Shared shared) => _harness = shared.Harness;

    [Fact]
    public void Loads_without_a_message_Falco_s_rules_first_then_the_additions_named_as_the_sample_manifest()
    {
        Assert.Empty(_harness.Loaded.Messages);
        var names = _harness.Rules.Select(r => r.Name).ToList();
        Assert.Equal(FalcoRules, names.Take(FalcoRules.Length));
        Assert.Equal(Additions.Select(row => (string)row[0]), names.Skip(FalcoRules.Length));
        var manifest = File.ReadLines(Path.Combine(RepositoryPaths.SampleDirectory, "MANIFEST.txt"))
            .Select(l => l.Split('\t')).Where(p => p is ["rule", _, _]).Select(p => p[1]);
        Assert.Equal(names.Skip(1), manifest);
    }

    [Theory]
    [MemberData(nameof(Additions))]
    public void Each_addition_has_its_priority_and_MITRE_tags(string name, Priority priority, string tactic, string technique)
    {
        var rule = _harness.Rules.Single(r => r.Name == name);
        Assert.Equal(priority, rule.Priority);
        Assert.Contains(tactic, rule.Tags);
        Assert.Contains(technique, rule.Tags);
        Assert.True(rule.Enabled);
    }

    [Fact]
    public void Every_detection_rule_keeps_cloud_and_aws_and_has_a_MITRE_tactic_and_technique()
    {
        foreach (var rule in _harness.Rules.Skip(1))
        {
            Assert.Contains("cloud", rule.Tags);
            Assert.Contains("aws", rule.Tags);
            Assert.Contains(rule.Tags, t => t.StartsWith("mitre_", StringComparison.Ordinal));
            Assert.Contains(rule.Tags, t => Regex.IsMatch(t, @"^T\d{4}(\.\d{3})?$"));
        }
        // The debug rule matches every event: it stays as Falco ships it, with no technique.
        Assert.Equal(["aws", "cloud"], _harness.Rules[0].Tags);
    }

    [Fact]
    public void Falco_s_conditions_are_unchanged()
    {
        var rules = _harness.Loaded.Rules.ToDictionary(r => r.Name);
        Assert.Equal("evt.num > 0", rules["All Cloudtrail Events"].Condition);
        Assert.Equal("ct.name=\"CreateUser\" and not ct.error exists", rules["Create AWS user"].Condition);
        Assert.Equal("ct.name=\"RunInstances\" and not ct.error exists and not ct.region in (approved_regions)",
            rules["Run Instances in Non-approved Region"].Condition);
        Assert.Equal(["us-east-0"], _harness.Loaded.Lists.Single(l => l.Name == "approved_regions").Items);
    }

    [Fact]
    public void The_plugins_satisfy_the_rules_requirements()
    {
        var loaded = _harness.Loaded;
        Assert.Equal(["cloudtrail (>= 0.10.0)", "json (>= 0.7.0)", "cloudtrail (>= 0.12.0)"],
            loaded.RequiredPluginVersions.Select(g => g.ToString()));
        var versions = _harness.Plugins.Versions.Select(v => new LoadedPluginVersion(v.Name, v.Version)).ToList();
        Assert.Equal(["cloudtrail", "json"], versions.Select(v => v.Name));
        Assert.Null(loaded.CheckPluginRequirements(versions));
        // An older cloudtrail plugin lacks ct.request/ct.errormessage/ct.eventtype, which the additions read.
        Assert.Equal("Plugin 'cloudtrail' version '0.11.2' is not compatible with required plugin version '0.12.0'",
            loaded.CheckPluginRequirements([new("cloudtrail", "0.11.2"), new("json", "0.7.4")]));
        Assert.Equal(new SemVer(0, 40, 0), loaded.RequiredEngineVersion);
    }

    [Fact]
    public void Ct_name_indexes_every_active_rule_but_root_activity()
    {
        var index = _harness.All.Index!;
        Assert.Equal("ct.name", index.KeyField);
        Assert.Equal(["Root Account Activity"], index.Unpinned.Rules.Select(r => r.Name));
    }

    public sealed class Shared : IDisposable
    {
        public CloudTrailRuleHarness Harness { get; } = CloudTrailRuleHarness.Create();

        public void Dispose() => Harness.Dispose();
    }
}
