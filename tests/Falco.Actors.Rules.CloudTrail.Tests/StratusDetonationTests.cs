using Falco.Actors.Rules.CloudTrail.Tests.Harness;

namespace Falco.Actors.Rules.CloudTrail.Tests;

/// <summary>
/// The real CloudTrail records of the 35 Stratus Red Team techniques (Data/stratus): each technique's log raises
/// exactly the alerts below, in record order, with both rule_matching modes (no record of these raises two rules).
/// Techniques not listed raise nothing: the rule set has no rule for them (secrets, SSM, EC2 user data, ...) or
/// their records are failed calls (ec2-launch-unusual-instances' RunInstances was denied).
/// </summary>
public sealed class StratusDetonationTests : IClassFixture<StratusDetonationTests.Shared>
{
    private static readonly Dictionary<string, (string EventName, string Rule)[]> Covered = new()
    {
        ["aws.defense-evasion.cloudtrail-delete"] = [("DeleteTrail", "CloudTrail Trail Deleted")],
        ["aws.defense-evasion.cloudtrail-event-selectors"] = [("PutEventSelectors", "CloudTrail Event Selectors Changed")],
        ["aws.defense-evasion.cloudtrail-stop"] = [("StopLogging", "CloudTrail Logging Disabled")],
        // Anonymised as 208.236.235.254/0: still a /0, open to every address.
        ["aws.exfiltration.ec2-security-group-open-port-22-ingress"] = [("AuthorizeSecurityGroupIngress", "Security Group Opened To Internet")],
        ["aws.initial-access.console-login-without-mfa"] = [("ConsoleLogin", "Console Login Without MFA")],
        ["aws.persistence.iam-backdoor-user"] = [("CreateAccessKey", "Access Key Created For Another User")],
        ["aws.persistence.iam-create-admin-user"] =
        [
            ("AttachUserPolicy", "Administrator Policy Attached"),
            ("CreateAccessKey", "Access Key Created For Another User"),
            ("CreateUser", "Create AWS user"),
        ],
        ["aws.persistence.iam-create-backdoor-role"] = [("AttachRolePolicy", "Administrator Policy Attached")],
        ["aws.persistence.lambda-layer-extension"] = [("UpdateFunctionConfiguration20150331v2", "Update Lambda Function Configuration")],
        ["aws.persistence.lambda-overwrite-code"] = [("UpdateFunctionCode20150331v2", "Update Lambda Function Code")],
    };

    private readonly Shared _shared;

    public StratusDetonationTests(Shared shared) => _shared = shared;

    public static TheoryData<string> Techniques => [.. TechniqueNames()];

    private static IEnumerable<string> TechniqueNames() =>
        Directory.EnumerateFiles(RepositoryPaths.TestData("Data", "stratus"), "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Techniques))]
    public void Each_technique_raises_exactly_the_expected_alerts_with_rule_matching_all_and_first(string technique)
    {
        using var logs = new CloudTrailLogDirectory();
        var array = File.ReadAllText(RepositoryPaths.TestData("Data", "stratus", technique + ".json"));
        File.WriteAllText(Path.Combine(logs.Path, technique + ".json"), "{\"Records\": " + array + "}");
        var expected = Covered.GetValueOrDefault(technique) ?? [];

        foreach (var rules in new[] { _shared.Harness.All, _shared.Harness.First })
        {
            var events = _shared.Harness.Run(logs.Path, rules);
            Assert.NotEmpty(events);
            var raised = events.SelectMany(e => e.RuleNames.Select(rule => (e.EventName, rule)));
            Assert.Equal(expected, raised);
        }
    }

    [Fact]
    public void All_35_techniques_are_here_and_the_covered_ones_are_among_them()
    {
        var techniques = TechniqueNames().ToList();
        Assert.Equal(35, techniques.Count);
        Assert.All(Covered.Keys, t => Assert.Contains(t, techniques));
    }

    public sealed class Shared : IDisposable
    {
        public CloudTrailRuleHarness Harness { get; } = CloudTrailRuleHarness.Create();

        public void Dispose() => Harness.Dispose();
    }
}
