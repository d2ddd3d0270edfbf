using Falco.Actors.Rules.Events;

namespace Falco.Actors.Bench;

/// <summary>
/// A CloudTrail-like event mix: mostly read-only and routine calls (AssumeRole, GetObject, Decrypt, Describe*…)
/// with the occasional change the CloudTrail rules look for (console logins, IAM/ECS/Lambda/EC2/S3/trail changes),
/// about 10% failed calls. Deterministic (seeded).
/// </summary>
internal static class CloudTrailEventMix
{
    private static readonly (string Name, string Source, int Weight)[] Calls =
    [
        ("AssumeRole", "sts.amazonaws.com", 200), ("GetObject", "s3.amazonaws.com", 150),
        ("Decrypt", "kms.amazonaws.com", 100), ("DescribeInstances", "ec2.amazonaws.com", 100),
        ("GenerateDataKey", "kms.amazonaws.com", 50), ("PutObject", "s3.amazonaws.com", 50),
        ("GetCallerIdentity", "sts.amazonaws.com", 50), ("LookupEvents", "cloudtrail.amazonaws.com", 50),
        ("GetBucketAcl", "s3.amazonaws.com", 50), ("ListBuckets", "s3.amazonaws.com", 30),
        ("ConsoleLogin", "signin.amazonaws.com", 30), ("RunInstances", "ec2.amazonaws.com", 20),
        ("RunTask", "ecs.amazonaws.com", 20), ("UpdateFunctionCode20150331v2", "lambda.amazonaws.com", 10),
        ("CreateUser", "iam.amazonaws.com", 10), ("PutBucketAcl", "s3.amazonaws.com", 10),
        ("PutBucketPublicAccessBlock", "s3.amazonaws.com", 5), ("CreateService", "ecs.amazonaws.com", 5),
        ("PutBucketPolicy", "s3.amazonaws.com", 5), ("CreateFunction20150331", "lambda.amazonaws.com", 5),
        ("CreateGroup", "iam.amazonaws.com", 3), ("DeleteGroup", "iam.amazonaws.com", 2),
        ("DeleteBucketEncryption", "s3.amazonaws.com", 2), ("DeactivateMFADevice", "iam.amazonaws.com", 1),
        ("CreateTrail", "cloudtrail.amazonaws.com", 1), ("StopLogging", "cloudtrail.amazonaws.com", 1),
    ];

    private static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];
    private static readonly string[] IdentityTypes = ["AssumedRole", "AssumedRole", "IAMUser", "Root", "AWSService"];

    /// <summary>Adds <paramref name="count"/> events to <paramref name="fields"/>; extra names are mixed in when given.</summary>
    public static PluginEvent[] Generate(PreExtractedCloudTrailFields fields, int count,
        IReadOnlyList<string>? extraNames = null, int seed = 42)
    {
        var random = new Random(seed);
        var total = Calls.Sum(c => c.Weight);
        var events = new PluginEvent[count];
        for (var i = 0; i < count; i++)
        {
            var (name, source) = Pick(random, total);
            if (extraNames is { Count: > 0 } && random.Next(4) == 0)
            {
                name = extraNames[random.Next(extraNames.Count)];
            }
            var values = new Dictionary<string, string>
            {
                ["ct.id"] = Guid.NewGuid().ToString(),
                ["ct.name"] = name,
                ["ct.src"] = source,
                ["ct.user"] = $"user{random.Next(50)}",
                ["ct.user.identitytype"] = IdentityTypes[random.Next(IdentityTypes.Length)],
                ["ct.user.principalid"] = $"AIDA{random.Next(100000)}",
                ["ct.user.arn"] = $"arn:aws:iam::123456789012:user/user{random.Next(50)}",
                ["ct.srcip"] = $"10.0.{random.Next(256)}.{random.Next(256)}",
                ["ct.region"] = Regions[random.Next(Regions.Length)],
                ["ct.useragent"] = "aws-cli/2.15.0",
                ["ct.request.name"] = "trail-main",
                ["s3.bucket"] = $"bucket-{random.Next(20)}",
            };
            if (random.Next(10) == 0)
            {
                values["ct.error"] = "AccessDenied";
            }
            if (name == "ConsoleLogin")
            {
                values["json.value[/responseElements/ConsoleLogin]"] = random.Next(5) == 0 ? "Failure" : "Success";
                values["json.value[/additionalEventData/MFAUsed]"] = random.Next(3) == 0 ? "No" : "Yes";
            }
            if (name == "PutBucketPublicAccessBlock")
            {
                values["json.value[/requestParameters/publicAccessBlock]"] = "";
                values["json.value[/requestParameters/PublicAccessBlockConfiguration/RestrictPublicBuckets]"] = "true";
                values["json.value[/requestParameters/PublicAccessBlockConfiguration/BlockPublicPolicy]"] =
                    random.Next(2) == 0 ? "false" : "true";
                values["json.value[/requestParameters/PublicAccessBlockConfiguration/BlockPublicAcls]"] = "true";
                values["json.value[/requestParameters/PublicAccessBlockConfiguration/IgnorePublicAcls]"] = "true";
            }
            if (name == "DeactivateMFADevice")
            {
                values["ct.request.username"] = "AWS ROOT USER";
            }
            events[i] = fields.Add(values);
        }
        return events;
    }

    private static (string Name, string Source) Pick(Random random, int total)
    {
        var n = random.Next(total);
        foreach (var (name, source, weight) in Calls)
        {
            if (n < weight)
            {
                return (name, source);
            }
            n -= weight;
        }
        return (Calls[0].Name, Calls[0].Source);
    }
}
