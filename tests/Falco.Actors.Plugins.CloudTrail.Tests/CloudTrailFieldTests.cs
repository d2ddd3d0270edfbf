using System.Text;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Plugins.CloudTrail.Fields;
using static Falco.Actors.Plugins.CloudTrail.Tests.TestSupport;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

public sealed class CloudTrailFieldTests
{
    /// <summary>A hand-written record touching every plain field.</summary>
    private const string Full = """
        {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice",
         "accountId":"111122223333","userName":"alice"},
         "eventTime":"2024-08-02T08:53:24Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1",
         "sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.0","errorCode":"AccessDenied","errorMessage":"Access \"denied\"",
         "requestParameters":{"bucketName":"logs","key":"a/b.txt","Host":"logs.s3.amazonaws.com","availabilityZone":"us-east-1a",
           "cluster":"c1","functionName":"fn","groupName":"g","name":"n","policy":"{\"Version\":\"2012\"}","reason":"why",
           "target":"i-123","documentName":"AWS-StartSSH","serialNumber":"sn","serviceName":"svc","subnetId":"subnet-1",
           "taskDefinition":"td:1","userName":"bob","repositoryName":"repo","imageTag":"v1","roleName":"role","policyName":"pol"},
         "responseElements":{"subnetId":"subnet-2", "reservationId":"r-1"},
         "additionalEventData":{"bytesTransferredIn":10.7,"bytesTransferredOut":5},
         "requestID":"REQ","eventID":"EVT","readOnly":true,"eventType":"AwsApiCall","managementEvent":false,"apiVersion":"2006-03-01",
         "resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::logs/a/b.txt"}, {"accountId":"111122223333"}],
         "recipientAccountId":"444455556666","serviceEventDetails":"details","sharedEventID":"SHARED","vpcEndpointId":"vpce-1",
         "eventCategory":"Data","addendum":{"reason":"DELIVERY_DELAY","updatedFields":"f","originalRequestID":"OR","originalEventID":"OE"},
         "sessionCredentialFromConsole":"true","edgeDeviceDetails":"edge",
         "tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"logs.s3.amazonaws.com"}}
        """;

    [Theory]
    [InlineData("ct.id", "EVT")]
    [InlineData("ct.error", "AccessDenied")]
    [InlineData("ct.errormessage", "Access \"denied\"")]
    [InlineData("ct.time", "2024-08-02T08:53:24Z")]
    [InlineData("ct.src", "s3.amazonaws.com")]
    [InlineData("ct.shortsrc", "s3")]
    [InlineData("ct.name", "GetObject")]
    [InlineData("ct.user", "alice")]
    [InlineData("ct.originaluser", "alice")]
    [InlineData("ct.user.accountid", "111122223333")]
    [InlineData("ct.user.identitytype", "IAMUser")]
    [InlineData("ct.user.principalid", "AIDAEXAMPLE")]
    [InlineData("ct.user.arn", "arn:aws:iam::111122223333:user/alice")]
    [InlineData("ct.region", "us-east-1")]
    [InlineData("ct.response.subnetid", "subnet-2")]
    [InlineData("ct.response.reservationid", "r-1")]
    [InlineData("ct.response", "{\"subnetId\":\"subnet-2\",\"reservationId\":\"r-1\"}")]
    [InlineData("ct.request.availabilityzone", "us-east-1a")]
    [InlineData("ct.request.cluster", "c1")]
    [InlineData("ct.request.functionname", "fn")]
    [InlineData("ct.request.groupname", "g")]
    [InlineData("ct.request.host", "logs.s3.amazonaws.com")]
    [InlineData("ct.request.name", "n")]
    [InlineData("ct.request.policy", "{\"Version\":\"2012\"}")]
    [InlineData("ct.request.reason", "why")]
    [InlineData("ct.request.target", "i-123")]
    [InlineData("ct.request.serialnumber", "sn")]
    [InlineData("ct.request.servicename", "svc")]
    [InlineData("ct.request.subnetid", "subnet-1")]
    [InlineData("ct.request.taskdefinition", "td:1")]
    [InlineData("ct.request.username", "bob")]
    [InlineData("ct.srcip", "203.0.113.7")]
    [InlineData("ct.useragent", "aws-cli/2.0")]
    [InlineData("ct.managementevent", "false")]
    [InlineData("ct.readonly", "true")]
    [InlineData("ct.requestid", "REQ")]
    [InlineData("ct.eventtype", "AwsApiCall")]
    [InlineData("ct.apiversion", "2006-03-01")]
    [InlineData("ct.resources", "{\"type\":\"AWS::S3::Object\",\"ARN\":\"arn:aws:s3:::logs/a/b.txt\"},{\"accountId\":\"111122223333\"}")]
    [InlineData("ct.recipientaccountid", "444455556666")]
    [InlineData("ct.serviceeventdetails", "details")]
    [InlineData("ct.sharedeventid", "SHARED")]
    [InlineData("ct.vpcendpointid", "vpce-1")]
    [InlineData("ct.eventcategory", "Data")]
    [InlineData("ct.addendum.reason", "DELIVERY_DELAY")]
    [InlineData("ct.addendum.updatedfields", "f")]
    [InlineData("ct.addendum.originalrequestid", "OR")]
    [InlineData("ct.addendum.originaleventid", "OE")]
    [InlineData("ct.edgedevicedetails", "edge")]
    [InlineData("ct.tlsdetails.tlsversion", "TLSv1.3")]
    [InlineData("ct.tlsdetails.ciphersuite", "TLS_AES_128_GCM_SHA256")]
    [InlineData("ct.tlsdetails.clientprovidedhostheader", "logs.s3.amazonaws.com")]
    [InlineData("ct.additionaleventdata", "{\"bytesTransferredIn\":10.7,\"bytesTransferredOut\":5}")]
    [InlineData("s3.uri", "s3://logs/a/b.txt")]
    [InlineData("s3.bucket", "logs")]
    [InlineData("s3.key", "a/b.txt")]
    [InlineData("s3.bytes", "15")]
    [InlineData("s3.bytes.in", "10")]
    [InlineData("s3.bytes.out", "5")]
    [InlineData("s3.cnt.get", "1")]
    [InlineData("ecr.repository", "repo")]
    [InlineData("ecr.imagetag", "v1")]
    [InlineData("iam.role", "role")]
    [InlineData("iam.policy", "pol")]
    [InlineData("ct.info", "alice via 203.0.113.7 !← GetObject Size=15 URI=s3://logs/a/b.txt")]
    public void Every_field_reads_its_member(string field, string expected)
    {
        Assert.Equal(expected, Ct1(field, Full));
    }

    [Fact]
    public void The_field_list_is_the_complete_current_set_in_get_fields_order()
    {
        Assert.Equal(73, CloudTrailFields.All.Count);
        Assert.Equal("ct.id", CloudTrailFields.All[0].Name);
        Assert.Equal(26, CloudTrailFields.Table.IdOf("ct.request.documentname"));
        Assert.Equal(72, CloudTrailFields.Table.IdOf("iam.policy"));
        Assert.Equal(-1, CloudTrailFields.Table.IdOf("ct.nonexistent"));
        Assert.Equal(CloudTrailFields.All.Count, CloudTrailFields.All.Select(f => f.Name).Distinct().Count());
        var imageIds = CloudTrailFields.All[CloudTrailFields.Table.IdOf("ec2.imageids")];
        Assert.True(imageIds.IsList && imageIds.Arg.IsIndex && !imageIds.Arg.IsRequired);
    }

    [Fact]
    public void An_unpaired_surrogate_escape_anywhere_in_a_record_still_gives_every_field()
    {
        // Such a string decoded through Utf8JsonReader threw, and the event escaped every rule; Go's encoding/json
        // decodes a lone surrogate to U+FFFD.
        const string json = """{"userAgent":"evil\ud800","requestParameters":{"k\udc00":1,"key":"\ud83d\ude00"},"eventName":"GetObject"}""";
        Assert.Equal("evil\uFFFD", Ct1("ct.useragent", json));
        Assert.Equal("\U0001F600", Ct1("s3.key", json));
        Assert.Equal("GetObject", Ct1("ct.name", json));
        Assert.Equal(["evil\uFFFD"], JsonField("json.value", json, "/userAgent"));
    }

    [Fact]
    public void Invalid_UTF8_bytes_anywhere_in_a_record_decode_to_U_FFFD_and_every_field_is_still_read()
    {
        // Go's encoding/json decodes each byte that starts no valid UTF-8 sequence to U+FFFD (three bytes for one):
        // the fields around it, and composed fields sized from raw lengths (s3.uri, ct.info), still come out whole.
        static byte[] Bytes(params object[] parts) =>
            [.. parts.SelectMany(p => p is string text ? Encoding.UTF8.GetBytes(text) : (byte[])p)];
        // 40 truncated sequences: Go gives a U+FFFD per byte (80), where .NET's decoder would give one per sequence.
        var bad = Enumerable.Range(0, 80).Select(i => i % 2 == 0 ? (byte)0xE2 : (byte)0x82).ToArray();
        var json = Bytes("{\"userAgent\":\"evil", bad, "\",\"eventName\":\"GetObject\",\"sourceIPAddress\":\"1.2.3.4\",",
            "\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"u", bad, "\"},",
            "\"requestParameters\":{\"bucketName\":\"b", bad, "\",\"key\":\"k", bad, "\"}}");
        List<string> Field(string name) => Extract(new CloudTrailExtractor(new Falco.Actors.Json.Extraction.RecordCache()),
            CloudTrailFields.All, name, new PluginEvent(1, 1, 2, json), FieldArgument.Absent);
        var replaced = new string('\uFFFD', 80);

        Assert.Equal(["evil" + replaced], Field("ct.useragent"));
        Assert.Equal(["GetObject"], Field("ct.name"));
        Assert.Equal([$"s3://b{replaced}/k{replaced}"], Field("s3.uri"));
        Assert.Equal(["u" + replaced], Field("ct.user"));
        Assert.Contains($"u{replaced} via 1.2.3.4", Assert.Single(Field("ct.info")));
    }

    [Fact]
    public void Falco_bug_fixed_ct_request_documentname_extracts_documentName()
    {
        // Falco's plugin spells the case "ct.request.documentName", so the field never extracts there; the intent
        // (SSM rules need it) is requestParameters.documentName.
        Assert.Equal("AWS-StartSSH", Ct1("ct.request.documentname", Full));
    }

    [Theory]
    [InlineData("\"true\"", "true")]
    [InlineData("true", "true")]
    [InlineData("\"false\"", "false")]
    [InlineData("false", "false")]
    public void Falco_bug_fixed_sessioncredentialfromconsole_reads_the_string_CloudTrail_writes(string json, string expected)
    {
        // Falco's plugin reads a JSON bool, so CloudTrail's "true" string came out "false"; both spellings count here.
        Assert.Equal(expected, Ct1("ct.sessioncredentialfromconsole", $"{{\"sessionCredentialFromConsole\":{json}}}"));
    }

    [Fact]
    public void Missing_members_give_no_value_and_s3_counters_are_absent_not_zero()
    {
        const string bare = "{\"eventName\":\"PutObject\"}";
        foreach (var field in new[] { "ct.error", "ct.errormessage", "ct.readonly", "ct.managementevent", "ct.resources",
                     "ct.sessioncredentialfromconsole", "s3.uri", "s3.bytes", "s3.bytes.in", "s3.cnt.get", "s3.cnt.other",
                     "ec2.name", "ec2.imageid", "ct.user", "ct.request", "ct.user.accountid" })
        {
            Assert.True(Ct(field, bare).Count == 0, field);
        }
        Assert.Equal("1", Ct1("s3.cnt.put", bare));
        Assert.Equal("1", Ct1("s3.cnt.other", "{\"eventName\":\"ListBuckets\"}"));
        Assert.Equal("1", Ct1("s3.cnt.other", "{}"));
        Assert.Null(Ct1("ct.resources", "{\"resources\":[]}"));
    }

    [Fact]
    public void Non_string_values_of_plain_fields_are_present_and_empty()
    {
        Assert.Equal("", Ct1("ct.request.name", "{\"requestParameters\":{\"name\":5}}"));
        Assert.Equal("", Ct1("ct.serviceeventdetails", "{\"serviceEventDetails\":{\"a\":1}}"));
    }

    [Fact]
    public void S3_uri_needs_a_string_bucket_and_key()
    {
        Assert.Null(Ct1("s3.uri", "{\"requestParameters\":{\"bucketName\":\"b\",\"key\":1}}"));
        Assert.Equal("", Ct1("s3.key", "{\"requestParameters\":{\"bucketName\":\"b\",\"key\":1}}"));
    }

    [Fact]
    public void Escaped_strings_are_decoded()
    {
        Assert.Equal("a/b \"c\" é", Ct1("ct.name", "{\"eventName\":\"a\\/b \\\"c\\\" \\u00e9\"}"));
    }

    [Fact]
    public void Short_source_keeps_a_value_that_is_only_the_suffix_or_lacks_it()
    {
        Assert.Equal(".amazonaws.com", Ct1("ct.shortsrc", "{\"eventSource\":\".amazonaws.com\"}"));
        Assert.Equal("example.com", Ct1("ct.shortsrc", "{\"eventSource\":\"example.com\"}"));
    }

    [Theory]
    [InlineData("{\"type\":\"Root\",\"userName\":\"root\"}", "root")]
    [InlineData("{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}", "ec2.amazonaws.com")]
    [InlineData("{\"type\":\"AssumedRole\",\"sessionContext\":{\"sessionIssuer\":{\"userName\":\"Admin\"}}}", "Admin")]
    [InlineData("{\"type\":\"AssumedRole\"}", "AssumedRole")]
    [InlineData("{\"type\":\"AWSAccount\",\"accountId\":\"1\"}", "AWSAccount")]
    [InlineData("{\"type\":\"FederatedUser\"}", "FederatedUser")]
    [InlineData("{\"type\":\"SAMLUser\",\"userName\":\"x\"}", null)]
    [InlineData("{\"type\":\"IAMUser\"}", null)]
    [InlineData("{\"type\":\"IAMUser\",\"userName\":7}", "")]
    [InlineData("{\"userName\":\"x\"}", null)]
    public void User_depends_on_the_identity_type(string identity, string? expected)
    {
        Assert.Equal(expected, Ct1("ct.user", $"{{\"userIdentity\":{identity}}}"));
    }

    [Theory]
    [InlineData("\"arn\":\"arn:aws:sts::1:assumed-role/Admin/alice@example.com\"", "alice@example.com")]
    [InlineData("\"arn\":\"arn:aws:sts::1:assumed-role/a/b/c\",\"principalId\":\"AROA:bob\"", "bob")]
    [InlineData("\"principalId\":\"AROA:bob:x\"", null)]
    public void Original_user_of_an_assumed_role_is_the_session_name(string members, string? expected)
    {
        Assert.Equal(expected, Ct1("ct.originaluser", $"{{\"userIdentity\":{{\"type\":\"AssumedRole\",{members}}}}}"));
    }

    [Fact]
    public void Account_id_falls_back_to_the_recipient_account()
    {
        Assert.Equal("9", Ct1("ct.user.accountid", "{\"userIdentity\":{\"type\":\"AWSService\"},\"recipientAccountId\":\"9\"}"));
    }

    [Fact]
    public void Ec2_name_is_the_Name_tag_of_instance_tag_specifications()
    {
        const string json = """
            {"requestParameters":{"tagSpecificationSet":{"items":[
              {"resourceType":"volume","tags":[{"key":"Name","value":"vol"}]},
              {"resourceType":"instance","tags":[{"key":"Env","value":"prod"},{"key":"Name","value":"web-1"}]}]}}}
            """;
        Assert.Equal("web-1", Ct1("ec2.name", json));
    }

    [Fact]
    public void Ec2_image_ids_are_a_list_with_an_index_and_scalar_fallbacks()
    {
        const string json = """
            {"responseElements":{"instancesSet":{"items":[{"imageId":"ami-1"},{"imageId":""},{"imageId":"ami-3"}]}}}
            """;
        Assert.Equal(["ami-1", "ami-3"], Ct("ec2.imageids", json));
        Assert.Equal(["ami-3"], Ct("ec2.imageids", json, 2));
        Assert.Empty(Ct("ec2.imageids", json, 1));
        Assert.Empty(Ct("ec2.imageids", json, 7));
        Assert.Equal("ami-1", Ct1("ec2.imageid", json));
        Assert.Equal("ami-req", Ct1("ec2.imageid", "{\"requestParameters\":{\"imageId\":\"ami-req\"}}"));
        Assert.Equal(["ami-fl"], Ct("ec2.imageids",
            "{\"requestParameters\":{\"DescribeFastLaunchImagesRequest\":{\"ImageId\":{\"content\":\"ami-fl\"}}}}", 0));
        Assert.Equal(["ami-ls"], Ct("ec2.imageids", "{\"requestParameters\":{\"launchSpecification\":{\"imageId\":\"ami-ls\"}}}"));
        Assert.Empty(Ct("ec2.imageids", "{\"requestParameters\":{\"imageId\":\"ami-req\"}}", 1));
    }

    [Fact]
    public void Fields_of_real_stratus_records()
    {
        var login = Assert.Single(StratusRecords("aws.initial-access.console-login-without-mfa.json"));
        Assert.Equal("ConsoleLogin", Ct1("ct.name", login));
        Assert.Equal("stratus-red-team-nmfalu-jfzdtsvchl", Ct1("ct.user", login));
        Assert.Equal("false", Ct1("ct.readonly", login));
        Assert.Equal("true", Ct1("ct.managementevent", login));
        Assert.Equal("null", Ct1("ct.request", login));
        Assert.Equal("{\"ConsoleLogin\":\"Success\"}", Ct1("ct.response", login));
        Assert.Equal("signin", Ct1("ct.shortsrc", login));
        Assert.Equal("TLSv1.3", Ct1("ct.tlsdetails.tlsversion", login));
        Assert.Equal("stratus-red-team-nmfalu-jfzdtsvchl via 225.01.00.16 → ConsoleLogin", Ct1("ct.info", login));

        var stop = Assert.Single(StratusRecords("aws.defense-evasion.cloudtrail-stop.json"));
        Assert.Equal("StopLogging", Ct1("ct.name", stop));
        Assert.Equal("stratus-red-team-ct-stop-trail-buykxbqejv", Ct1("ct.request.name", stop));

        var run = StratusRecords("aws.execution.ec2-launch-unusual-instances.json")[0];
        Assert.Equal("RunInstances", Ct1("ct.name", run));
        Assert.Equal("AssumedRole", Ct1("ct.user.identitytype", run));
        Assert.NotNull(Ct1("ct.user", run));
        Assert.NotNull(Ct1("ct.originaluser", run));
        Assert.NotNull(Ct1("ct.error", run));
    }

    [Fact]
    public void Payloads_that_are_not_JSON_objects_give_no_values()
    {
        Assert.Empty(Ct("ct.info", "not json"));
        Assert.Empty(Ct("ct.id", "[1,2]"));
        Assert.Empty(Ct("ct.id", "{\"eventID\":\"x\""));
    }
}
