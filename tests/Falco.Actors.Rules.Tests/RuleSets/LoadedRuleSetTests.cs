using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.Output;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Rules.Tests.RuleSets;

public class LoadedRuleSetTests
{
    private const string Rules = """
        - list: approved_regions
          items: [us-east-0]
        - macro: succeeded
          condition: not ct.error exists
        - rule: Run Instances
          desc: x
          condition: ct.name="RunInstances" and succeeded
          output: A number of instances have been launched. (requesting user=%ct.user, AWS region=%ct.region)
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_ec2]
        - rule: Run Instances in Non-approved Region
          desc: x
          condition: ct.name="RunInstances" and succeeded and not ct.region in (approved_regions)
          output: non-approved region (requesting user=%ct.user, AWS region=%ct.region)
          priority: WARNING
          source: aws_cloudtrail
          tags: [cloud, aws, aws_ec2]
        - rule: List Buckets
          desc: x
          condition: ct.name="ListBuckets" and succeeded
          output: buckets listed (requesting user=%ct.user)
          priority: WARNING
          source: aws_cloudtrail
          enabled: false
        """;

    [Fact]
    public void Loaded_rules_run_in_definition_order_and_format_alerts()
    {
        var ct = new CloudTrailTestFields();
        var result = new RulesLoader(new RulesLoaderOptions { Sources = new RuleSourceSet().Add(ct.Registry) })
            .LoadContent("aws_cloudtrail_rules.yaml", Rules);
        Assert.True(result.Successful, string.Join("\n", result.Messages));
        var compiler = result.Compilers[CloudTrailTestFields.Source];
        var rules = result.Rules.Select((r, i) => CompiledRule.FromLoaded(compiler, r, i)).ToArray();
        var all = new RuleSet(compiler, rules, new RuleSetOptions { Matching = RuleMatching.All });
        var first = new RuleSet(compiler, rules);
        var ctx = compiler.CreateContext([new Rules.Fields.Generic.GenericEventExtractor(CloudTrailTestFields.Source,
            "cloudtrail", "h", null, TimeZoneInfo.Utc), ct.CloudTrail, ct.Json]);
        var evt = ct.AddEvent(1, new Dictionary<string, string>
        {
            ["ct.name"] = "RunInstances", ["ct.region"] = "eu-west-1", ["ct.user"] = "alice",
        });
        var matches = new List<CompiledRule>();

        all.Match(ctx, evt, matches);
        Assert.Equal(["Run Instances", "Run Instances in Non-approved Region"], matches.Select(m => m.Name));
        first.Match(ctx, evt, matches);
        var alert = new AlertFormatter(compiler, new OutputOptions()).Format(Assert.Single(matches), ctx);

        Assert.Equal("12:34:56.000000789: Warning A number of instances have been launched. (requesting user=alice, AWS region=eu-west-1)",
            alert.Line);
        Assert.Equal(["aws", "aws_ec2", "cloud"], alert.Tags);
        Assert.DoesNotContain(all.ActiveRules, r => r.Name == "List Buckets");
    }
}
