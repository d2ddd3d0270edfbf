using Falco.Actors.Rules.CloudTrail.Tests.Harness;

namespace Falco.Actors.Rules.CloudTrail.Tests;

/// <summary>
/// The bundled sample (samples/cloudtrail, 8,000 records) read by the cloudtrail plugin from its directory: alert
/// counts per rule equal the manifest's <c>rule</c> lines with <c>rule_matching: all</c>, and the manifest's overlaps
/// resolve to the earlier rule with <c>first</c>.
/// </summary>
public sealed class BundledSampleTests
{
    private const string EnableListBuckets = "- rule: List Buckets\n  enabled: true\n";

    /// <summary>The manifest's <c>rule&lt;TAB&gt;name&lt;TAB&gt;count</c> lines: records satisfying each rule's condition.</summary>
    private static Dictionary<string, int> ManifestRuleCounts() =>
        File.ReadLines(Path.Combine(RepositoryPaths.SampleDirectory, "MANIFEST.txt"))
            .Select(line => line.Split('\t'))
            .Where(parts => parts is ["rule", _, _])
            .ToDictionary(parts => parts[1], parts => int.Parse(parts[2]));

    [Fact]
    public void With_rule_matching_all_every_rule_alerts_as_often_as_the_manifest_counts()
    {
        // The manifest counts List Buckets too, although Falco ships it disabled.
        using var harness = CloudTrailRuleHarness.Create(EnableListBuckets);
        var events = harness.Run(RepositoryPaths.SampleDirectory, harness.All);

        Assert.Equal(8000, events.Count);
        var expected = ManifestRuleCounts();
        Assert.Equal(32, expected.Count);
        Assert.Equal(Sorted(expected), Sorted(Count(events)));
    }

    [Fact]
    public void With_rule_matching_first_the_overlaps_alert_as_the_earlier_rule()
    {
        using var harness = CloudTrailRuleHarness.Create();
        var events = harness.Run(RepositoryPaths.SampleDirectory, harness.First);

        var manifest = ManifestRuleCounts();
        var expected = new Dictionary<string, int>(manifest);
        // Falco ships it disabled.
        expected.Remove("List Buckets");
        // A root login without MFA alerts as "Console Login Without MFA", defined earlier.
        expected.Remove("Console Root Login Without MFA");
        // Every successful RunInstances alerts as "Run Instances".
        expected.Remove("Run Instances in Non-approved Region");
        // A public ACL or policy alerts as "Put Bucket ACL" / "Put Bucket Policy".
        expected.Remove("S3 Bucket Made Public");
        // Root's DeactivateMFADevice alerts as "Deactivate MFA for Root User".
        expected["Root Account Activity"] -= manifest["Deactivate MFA for Root User"];

        Assert.Equal(8000, events.Count);
        Assert.All(events, e => Assert.True(e.Alerts.Count <= 1));
        Assert.Equal(Sorted(expected), Sorted(Count(events)));
    }

    private static Dictionary<string, int> Count(IEnumerable<EvaluatedEvent> events) =>
        events.SelectMany(e => e.RuleNames).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());

    private static List<string> Sorted(Dictionary<string, int> counts) =>
        [.. counts.Select(kv => $"{kv.Key}: {kv.Value}").Order(StringComparer.Ordinal)];
}
