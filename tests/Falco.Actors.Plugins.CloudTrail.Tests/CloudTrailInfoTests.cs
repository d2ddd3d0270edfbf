using Falco.Actors.Json.Parsing;
using Falco.Actors.Plugins.CloudTrail.Fields;
using static Falco.Actors.Plugins.CloudTrail.Tests.TestSupport;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

public sealed class CloudTrailInfoTests
{
    private const string Who = "\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"alice\"},\"sourceIPAddress\":\"1.2.3.4\"";

    [Theory]
    [InlineData("\"eventName\":\"ListBuckets\",\"readOnly\":true", "alice via 1.2.3.4 ← ListBuckets")]
    [InlineData("\"eventName\":\"DeleteBucket\",\"readOnly\":false,\"errorCode\":\"X\"", "alice via 1.2.3.4 !→ DeleteBucket")]
    [InlineData("\"eventName\":\"Odd\"", "alice via 1.2.3.4 ← Odd")]
    [InlineData("\"eventName\":\"CreateBucket\",\"requestParameters\":{\"bucketName\":\"b\"}", "alice via 1.2.3.4 ← CreateBucket Bucket=b")]
    [InlineData("\"eventName\":\"X\",\"requestParameters\":{\"key\":\"k\"}", "alice via 1.2.3.4 ← X Key=k")]
    [InlineData("\"eventName\":\"X\",\"requestParameters\":{\"Host\":\"h\"}", "alice via 1.2.3.4 ← X Host=h")]
    [InlineData("\"eventName\":\"X\",\"additionalEventData\":{\"bytesTransferredOut\":7}", "alice via 1.2.3.4 ← X Size=7")]
    public void Info_is_who_where_what_then_details(string members, string expected)
    {
        Assert.Equal(expected, Ct1("ct.info", $"{{{Who},{members}}}"));
    }

    [Fact]
    public void Info_omits_via_when_the_user_is_the_source_address()
    {
        Assert.Equal("ec2.amazonaws.com ← RunInstances", Ct1("ct.info",
            "{\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"},\"sourceIPAddress\":\"ec2.amazonaws.com\",\"eventName\":\"RunInstances\"}"));
    }

    [Theory]
    [InlineData("{\"sourceIPAddress\":\"1\",\"eventName\":\"X\"}", "<invalid cloudtrail event: userIdentity field missing>")]
    [InlineData("{\"userIdentity\":{\"type\":\"Root\",\"userName\":\"r\"},\"eventName\":\"X\"}", "<invalid cloudtrail event: eventSource field missing>")]
    [InlineData("{\"userIdentity\":{\"type\":\"Root\",\"userName\":\"r\"},\"sourceIPAddress\":\"1\"}", "<invalid cloudtrail event: eventName field missing>")]
    public void Info_names_what_is_missing(string json, string expected)
    {
        Assert.Equal(expected, Ct1("ct.info", json));
    }

    [Fact]
    public void Falco_bug_fixed_PutBucketPublicAccessBlock_flags_come_from_the_request()
    {
        // Falco's plugin reads the four flags at the record's top level, so it always prints false; they live in
        // requestParameters.PublicAccessBlockConfiguration, which is what is read here.
        const string json = """
            {"userIdentity":{"type":"Root","userName":"root"},"sourceIPAddress":"1.2.3.4","eventName":"PutBucketPublicAccessBlock",
             "readOnly":false,"requestParameters":{"bucketName":"b","PublicAccessBlockConfiguration":
               {"BlockPublicAcls":true,"BlockPublicPolicy":false,"IgnorePublicAcls":true,"RestrictPublicBuckets":false}}}
            """;
        Assert.Equal("root via 1.2.3.4 → PutBucketPublicAccessBlock BlockPublicAcls=true BlockPublicPolicy=false IgnorePublicAcls=true RestrictPublicBuckets=false ",
            Ct1("ct.info", json));
    }

    private static string EventText(string json)
    {
        var tape = new JsonTape();
        tape.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        return CloudTrailInfo.EventText(tape);
    }

    [Fact]
    public void Plugin_info_is_region_user_short_source_name_and_info()
    {
        Assert.Equal("us-east-1 alice s3 GetObject alice via 1.2.3.4 ← GetObject Bucket=b",
            EventText($"{{{Who},\"awsRegion\":\"us-east-1\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"requestParameters\":{{\"bucketName\":\"b\"}}}}"));
        Assert.Equal("us-east-1 sts AssumeRole <invalid cloudtrail event: userIdentity field missing>",
            EventText("{\"awsRegion\":\"us-east-1\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\"}"));
        var login = Assert.Single(StratusRecords("aws.initial-access.console-login-without-mfa.json"));
        Assert.Equal("eu-west-2r stratus-red-team-nmfalu-jfzdtsvchl signin ConsoleLogin stratus-red-team-nmfalu-jfzdtsvchl via 225.01.00.16 → ConsoleLogin",
            EventText(login));
    }

    [Theory]
    [InlineData("{\"awsRegion\":\"r\",\"eventName\":\"n\"}", "<invalid JSON: event did not contain a source>")]
    [InlineData("{\"eventSource\":\"s\",\"eventName\":\"n\"}", "<invalid JSON: event did not contain an awsRegion>")]
    [InlineData("{\"eventSource\":\"s\",\"awsRegion\":\"r\"}", "<invalid JSON: event did not contain an eventName>")]
    public void Plugin_info_names_a_missing_member(string json, string expected)
    {
        Assert.Equal(expected, EventText(json));
    }
}
