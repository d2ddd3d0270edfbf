using System.Text.Json;
using Falco.Actors.Plugins.CloudTrail.Config;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void Defaults_are_the_plugin_defaults_and_unknown_keys_are_allowed()
    {
        var c = CloudTrailConfig.Parse("");
        Assert.Equal((32, true, true, false), (c.S3DownloadConcurrency, c.SqsDelete, c.UseAsync, c.UseS3SNS));
        Assert.Equal(c, CloudTrailConfig.Parse("{\"whatever\": 1}"));
    }

    [Fact]
    public void Every_key_is_read()
    {
        var c = CloudTrailConfig.Parse("""
            {"s3DownloadConcurrency": 4, "s3Interval": "2d", "sqsDelete": false, "useAsync": false, "useS3SNS": true,
             "s3AccountList": "111122223333, 444455556666", "sqsOwnerAccount": "777788889999",
             "aws": {"profile": "p", "region": "eu-west-1", "config": "/c", "credentials": "/k"},
             "endpointUrl": "http://127.0.0.1:1", "sqsWaitTimeSeconds": 0}
            """);
        Assert.Equal(4, c.S3DownloadConcurrency);
        Assert.Equal("2d", c.S3Interval);
        Assert.False(c.SqsDelete);
        Assert.True(c.UseS3SNS);
        Assert.Equal(["111122223333", "444455556666"], c.Accounts);
        Assert.Equal(("777788889999", "p", "eu-west-1", "/c", "/k"), (c.SqsOwnerAccount, c.AwsProfile, c.AwsRegion, c.AwsConfig, c.AwsCredentials));
        Assert.Equal("http://127.0.0.1:1", c.EndpointUrl);
    }

    [Fact]
    public void Bad_values_are_errors_in_the_plugin_words()
    {
        Assert.Equal("cloudtrail invalid account list",
            Assert.Throws<CloudTrailException>(() => CloudTrailConfig.Parse("{\"s3AccountList\": \"12345\"}")).Message);
        Assert.StartsWith("cloudtrail invalid interval: \"yesterday\": ",
            Assert.Throws<CloudTrailException>(() => CloudTrailConfig.Parse("{\"s3Interval\": \"yesterday\"}")).Message);
        Assert.Contains("'sqsDelete' must be a boolean",
            Assert.Throws<CloudTrailException>(() => CloudTrailConfig.Parse("{\"sqsDelete\": \"yes\"}")).Message);
        Assert.Equal("cloudtrail invalid S3DownloadConcurrency",
            Assert.Throws<CloudTrailException>(() => Sources.CloudTrailOpenParams.Open("s3://b",
                CloudTrailConfig.Parse("{\"s3DownloadConcurrency\": 0}"))).Message);
    }

    [Fact]
    public void The_init_schema_is_JSON_naming_every_key()
    {
        using var schema = JsonDocument.Parse(CloudTrailInitSchema.Text);
        var keys = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["s3DownloadConcurrency", "s3Interval", "sqsDelete", "useAsync", "useS3SNS", "s3AccountList",
            "sqsOwnerAccount", "aws", "endpointUrl", "s3EndpointUrl", "sqsEndpointUrl", "sqsWaitTimeSeconds", "maxRecordSize"], keys);
    }

    private static readonly DateTime Now = new(2023, 4, 10, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("5d", "2023-04-05T12:00:00", "2023-04-10T12:00:00")]
    [InlineData("1w", "2023-04-03T12:00:00", "2023-04-10T12:00:00")]
    [InlineData("90m", "2023-04-10T10:30:00", "2023-04-10T12:00:00")]
    [InlineData("5d-2d", "2023-04-05T12:00:00", "2023-04-08T12:00:00")]
    [InlineData("2023-04-05T06:00:00Z-2023-04-05T12:00:10Z", "2023-04-05T06:00:00", "2023-04-05T12:00:10")]
    [InlineData("2023-04-05T06:00:00Z-5d", "2023-04-05T06:00:00", "2023-04-05T12:00:00")]
    [InlineData("2023-04-05T06:00:00Z", "2023-04-05T06:00:00", "2023-04-10T12:00:00")]
    public void Intervals_parse(string text, string start, string end)
    {
        var i = S3Interval.Parse(text, Now);
        Assert.Equal((DateTime.Parse(start), DateTime.Parse(end)), (i.Start, i.End));
    }

    [Fact]
    public void An_interval_ending_before_it_starts_is_an_error()
    {
        Assert.Equal("cloudtrail start time 2023-04-08 12:00:00 +0000 UTC must be less than end time 2023-04-05 12:00:00 +0000 UTC",
            Assert.Throws<CloudTrailException>(() => S3Interval.Parse("2d-5d", Now)).Message);
    }

    [Fact]
    public void Keys_are_selected_by_their_name_time_and_other_keys_kept()
    {
        var i = S3Interval.Parse("2023-04-05T06:00:00Z-2023-04-05T12:00:00Z", Now);
        Assert.True(i.Contains("AWSLogs/111122223333/CloudTrail/us-east-1/2023/04/05/111122223333_CloudTrail_us-east-1_20230405T0600Z_abc.json.gz"));
        Assert.True(i.Contains("AWSLogs/111122223333/CloudTrail/us-east-1/2023/04/05/111122223333_CloudTrail_us-east-1_20230405T1200Z_abc.json.gz"));
        Assert.False(i.Contains("AWSLogs/111122223333/CloudTrail/us-east-1/2023/04/05/111122223333_CloudTrail_us-east-1_20230405T1205Z_abc.json.gz"));
        Assert.False(i.Contains("AWSLogs/111122223333/CloudTrail/us-east-1/2023/04/05/111122223333_CloudTrail_us-east-1_20230405T0555Z_abc.json.gz"));
        Assert.True(i.Contains("some/other.json"));
    }
}
