using Falco.Actors.Rules.Filter.Parsing;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Rules.Tests.Loading;

/// <summary>
/// rules/aws_cloudtrail_rules.yaml against the reference's description of Falco's file (§6): Falco's 22 rules come
/// first, followed by the Falco.Actors additions (tested with the real plugins in Falco.Actors.Rules.CloudTrail.Tests).
/// </summary>
public class CloudTrailRulesFileTests
{
    private static readonly string RulesFile = TestSources.RepositoryFile("rules/aws_cloudtrail_rules.yaml");

    private static RulesLoadResult LoadWithPlugins() => TestSources.CloudTrailLoader().LoadPaths([RulesFile]);

    private const int AdditionCount = 11;

    public static readonly TheoryData<string, Priority, string> Outputs = new()
    {
        { "All Cloudtrail Events", Priority.Debug, "Some Cloudtrail Event (evtnum=%evt.num info=%evt.plugininfo ts=%evt.time.iso8601 id=%ct.id error=%ct.error)" },
        { "Console Login Through Assume Role", Priority.Warning, "Detected a console login through Assume Role (principal=%ct.user.principalid, assumedRole=%ct.user.arn, requesting IP=%ct.srcip, AWS region=%ct.region)" },
        { "Console Login Without MFA", Priority.Critical, "Detected a console login without MFA (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region)" },
        { "Console Root Login Without MFA", Priority.Critical, "Detected a root console login without MFA. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region)" },
        { "Deactivate MFA for Root User", Priority.Critical, "Multi Factor Authentication configuration has been disabled for root (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, MFA serial number=%ct.request.serialnumber)" },
        { "Create AWS user", Priority.Informational, "A new AWS user has been created (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, new user created=%ct.request.username)" },
        { "Create Group", Priority.Warning, "A new user group has been created. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, group name=%ct.request.groupname)" },
        { "Delete Group", Priority.Warning, "A user group has been deleted. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, group name=%ct.request.groupname)" },
        { "ECS Service Created", Priority.Warning, "A new service has been created in ECS (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, cluster=%ct.request.cluster, service name=%ct.request.servicename, task definition=%ct.request.taskdefinition)" },
        { "ECS Task Run or Started", Priority.Warning, "A new task has been started in ECS (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, cluster=%ct.request.cluster, task definition=%ct.request.taskdefinition)" },
        { "Create Lambda Function", Priority.Warning, "Lambda function has been created. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, lambda function=%ct.request.functionname)" },
        { "Update Lambda Function Code", Priority.Warning, "The code of a Lambda function has been updated. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, lambda function=%ct.request.functionname)" },
        { "Update Lambda Function Configuration", Priority.Warning, "The configuration of a Lambda function has been updated. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, lambda function=%ct.request.functionname)" },
        { "Run Instances", Priority.Warning, "A number of instances have been launched. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, availability zone=%ct.request.availabilityzone, subnet id=%ct.response.subnetid, reservation id=%ct.response.reservationid)" },
        { "Run Instances in Non-approved Region", Priority.Warning, "A number of instances have been launched in a non-approved region. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, availability zone=%ct.request.availabilityzone, subnet id=%ct.response.subnetid, reservation id=%ct.response.reservationid, image id=%json.value[/responseElements/instancesSet/items/0/instanceId])" },
        { "Delete Bucket Encryption", Priority.Critical, "A encryption configuration for a bucket has been deleted (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, bucket=%s3.bucket)" },
        { "Delete Bucket Public Access Block", Priority.Critical, "A public access block for a bucket has been deleted (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, bucket=%s3.bucket)" },
        { "List Buckets", Priority.Warning, "A list of all S3 buckets has been requested. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, host=%ct.request.host)" },
        { "Put Bucket ACL", Priority.Warning, "The permissions on an existing bucket have been set using access control lists. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, bucket name=%s3.bucket)" },
        { "Put Bucket Policy", Priority.Warning, "An Amazon S3 bucket policy has been applied to an Amazon S3 bucket. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, bucket name=%s3.bucket, policy=%ct.request.policy)" },
        { "CloudTrail Trail Created", Priority.Warning, "A new trail has been created. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, trail name=%ct.request.name)" },
        { "CloudTrail Logging Disabled", Priority.Warning, "The CloudTrail logging has been disabled. (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, resource name=%ct.request.name)" },
    };

    [Fact]
    public void Loads_and_compiles_cleanly_with_the_cloudtrail_and_json_fields()
    {
        var result = LoadWithPlugins();
        Assert.True(result.Successful, string.Join("\n", result.Messages));
        Assert.Empty(result.Messages);
        Assert.Equal(Outputs.Select(row => (string)row[0]), result.Rules.Take(Outputs.Count).Select(r => r.Name));
        Assert.Equal(AdditionCount, result.Rules.Count - Outputs.Count);
        Assert.All(result.Rules, r => Assert.NotNull(r.Filter));
        Assert.All(result.Rules, r => Assert.Equal("aws_cloudtrail", r.Source));
    }

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Each_rule_has_the_reference_priority_and_output(string name, Priority priority, string output)
    {
        var rule = LoadWithPlugins().Rules.Single(r => r.Name == name);
        Assert.Equal(priority, rule.Priority);
        Assert.Equal(output, rule.Output);
    }

    [Fact]
    public void Only_the_debug_rule_and_List_Buckets_are_disabled()
    {
        var disabled = LoadWithPlugins().Rules.Where(r => !r.Enabled).Select(r => r.Name);
        Assert.Equal(["All Cloudtrail Events", "List Buckets"], disabled);
    }

    [Fact]
    public void Header_requires_engine_10_and_the_plugins_and_the_additions_raise_both()
    {
        var result = LoadWithPlugins();
        // Falco's header, then the additions' own requirements (val(): engine 0.40.0; ct.request: cloudtrail 0.12.0).
        Assert.Equal(new SemVer(0, 40, 0), result.RequiredEngineVersion);
        Assert.Equal(["cloudtrail (>= 0.10.0)", "json (>= 0.7.0)", "cloudtrail (>= 0.12.0)"], result.RequiredPluginVersions.Select(g => g.ToString()));
        Assert.Equal(["us-east-0"], result.Lists.Single(l => l.Name == "approved_regions").Items);
        Assert.Null(result.CheckPluginRequirements([new("cloudtrail", "0.12.3"), new("json", "0.7.1")]));
        Assert.Equal("Plugin requirement not satisfied, must load one of: json (>= 0.7.0)",
            result.CheckPluginRequirements([new("cloudtrail", "0.12.0")]));
    }

    [Fact]
    public void Conditions_fold_as_the_reference_shows()
    {
        var rules = LoadWithPlugins().Rules.ToDictionary(r => r.Name);
        Assert.Equal("ct.name=\"ConsoleLogin\" and not ct.error exists and ct.user.identitytype!=\"AssumedRole\" and json.value[/responseElements/ConsoleLogin]=\"Success\" and json.value[/additionalEventData/MFAUsed]=\"No\"",
            rules["Console Login Without MFA"].Condition);
        Assert.Equal("ct.src=\"ecs.amazonaws.com\" and (ct.name=\"RunTask\" or ct.name=\"StartTask\") and not ct.error exists",
            rules["ECS Task Run or Started"].Condition);
        Assert.Equal("ct.name=\"PutBucketPublicAccessBlock\" and not ct.error exists and json.value[/requestParameters/publicAccessBlock]=\"\" and (json.value[/requestParameters/PublicAccessBlockConfiguration/RestrictPublicBuckets]=false or json.value[/requestParameters/PublicAccessBlockConfiguration/BlockPublicPolicy]=false or json.value[/requestParameters/PublicAccessBlockConfiguration/BlockPublicAcls]=false or json.value[/requestParameters/PublicAccessBlockConfiguration/IgnorePublicAcls]=false)",
            rules["Delete Bucket Public Access Block"].Condition);
        Assert.Equal("(ct.name = RunInstances and not ct.error exists and not ct.region in (us-east-0))",
            AstPrinter.Print(rules["Run Instances in Non-approved Region"].ConditionAst));
        Assert.Equal("ct.name=\"DeactivateMFADevice\" and not ct.error exists and ct.user.identitytype=\"Root\" and ct.request.username=\"AWS ROOT USER\"",
            rules["Deactivate MFA for Root User"].Condition);
    }

    [Fact]
    public void Tags_are_stored_sorted()
    {
        var rule = LoadWithPlugins().Rules.Single(r => r.Name == "ECS Service Created");
        Assert.Equal(["T1610", "aws", "aws_ecs", "aws_fargate", "cloud", "mitre_execution"], rule.Tags);
    }

    [Fact]
    public void Without_plugins_every_rule_is_skipped_as_of_an_unknown_source()
    {
        var result = new RulesLoader().LoadPaths([RulesFile]);
        Assert.True(result.Successful);
        Assert.Empty(result.Rules);
        var unknown = result.Warnings.Where(w => w.Code == LoadCode.UnknownSource).ToList();
        Assert.Equal(22 + AdditionCount, unknown.Count);
        Assert.All(unknown, w => Assert.Equal("Unknown source aws_cloudtrail, skipping", w.Message));
        // Nothing uses approved_regions once its rule is skipped.
        Assert.Contains(result.Warnings, w => w.Code == LoadCode.UnusedList);
    }
}
