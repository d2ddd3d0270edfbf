using System.Text.Json;
using System.Text.RegularExpressions;

namespace Falco.Actors.Rules.CloudTrail.Tests.Harness;

/// <summary>
/// One rule's fixture (<c>Fixtures/&lt;rule-slug&gt;.json</c>): CloudTrail records that must and must not alert, each
/// with every rule it must raise with <c>rule_matching: all</c> (empty for none). <see cref="ExtraRules"/> is a rules
/// file loaded after the rule set (enabling a disabled rule, overriding a list) that the expectations assume.
/// </summary>
public sealed record RuleFixture(string Rule, string? ExtraRules, IReadOnlyList<FixtureCase> Cases)
{
    public static string Directory => RepositoryPaths.TestData("Fixtures");

    public static IEnumerable<string> Files() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal);

    public static RuleFixture Load(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var root = doc.RootElement;
        var cases = root.GetProperty("cases").EnumerateArray()
            .Select(c => new FixtureCase(
                c.GetProperty("name").GetString()!,
                [.. c.GetProperty("alerts").EnumerateArray().Select(a => a.GetString()!)],
                c.GetProperty("record").GetRawText()))
            .ToList();
        var extra = root.TryGetProperty("extraRules", out var e) ? e.GetString() : null;
        return new RuleFixture(root.GetProperty("rule").GetString()!, extra, cases);
    }

    /// <summary>The fixture file name of a rule: "S3 Bucket Made Public" → <c>s3-bucket-made-public</c>.</summary>
    public static string SlugOf(string rule) => Regex.Replace(rule.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
}

/// <summary>A record and the rules it raises (rule_matching: all), in definition order.</summary>
public sealed record FixtureCase(string Name, IReadOnlyList<string> Alerts, string Record)
{
    public override string ToString() => Name;
}
