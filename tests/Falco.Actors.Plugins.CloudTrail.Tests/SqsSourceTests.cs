using System.Text;
using System.Text.Json;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.CloudTrail.Config;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.CloudTrail.Sources;
using Falco.Actors.Plugins.CloudTrail.Tests.Servers;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Managed;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

/// <summary>
/// The SQS mode. SQS is played by <see cref="SqsProtocolTestServer"/>, a protocol-level test server (no SQS server
/// can be installed here); the announced log files are downloaded from a real s3rver.
/// </summary>
public sealed class SqsSourceTests : IClassFixture<S3rverFixture>, IDisposable
{
    private const string Bucket = "sqs-trail";
    private const string Account = "111122223333";
    private static readonly DateTime T0 = new(2024, 8, 2, 8, 50, 0, DateTimeKind.Utc);

    private readonly S3rverFixture _s3;
    private readonly SqsProtocolTestServer _sqs = new();
    private readonly string _key1 = CloudTrailLogs.Key(Account, "us-east-1", T0, "q1");
    private readonly string _key2 = CloudTrailLogs.Key(Account, "us-east-1", T0.AddMinutes(5), "q2");

    public SqsSourceTests(S3rverFixture s3)
    {
        _s3 = s3;
        lock (s3)
        {
            if (s3.Client.ListBucketsAsync().GetAwaiter().GetResult().Buckets?.Any(b => b.BucketName == Bucket) != true)
            {
                s3.CreateBucket(Bucket);
                s3.Put(Bucket, _key1, CloudTrailLogs.File(T0, "q1-a", "q1-b"));
                s3.Put(Bucket, _key2, CloudTrailLogs.File(T0.AddMinutes(5), "q2-a"));
            }
        }
        _sqs.CreateQueue("trail-queue");
    }

    public void Dispose() => _sqs.Dispose();

    private string Config(string extra = "") =>
        _s3.Config($",\"sqsEndpointUrl\":\"{_sqs.Url}\",\"sqsWaitTimeSeconds\":0{extra}");

    private static string Sns(string message) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["Type"] = "Notification",
        ["MessageId"] = "m",
        ["TopicArn"] = "arn:aws:sns:us-east-1:111122223333:trail",
        ["Message"] = message,
    });

    private static string CloudTrailNotice(params string[] keys) =>
        JsonSerializer.Serialize(new { s3Bucket = Bucket, s3ObjectKey = keys });

    private static string S3Event(params string[] keys) => JsonSerializer.Serialize(new
    {
        Records = keys.Select(k => new { eventSource = "aws:s3", s3 = new { bucket = new { name = Bucket }, @object = new { key = k } } }),
    });

    private static (List<string> Ids, ReadStatus Last) Drain(CloudTrailEventReader reader)
    {
        List<string> ids = [];
        ReadStatus status;
        while ((status = reader.Next(out var r)) == ReadStatus.Record)
        {
            ids.Add(TestSupport.Ct1("ct.id", Encoding.UTF8.GetString(r.Payload.Span))!);
        }
        return (ids, status);
    }

    private CloudTrailEventReader Open(string extra = "") =>
        new(CloudTrailOpenParams.Open("sqs://trail-queue", CloudTrailConfig.Parse(Config(extra))), p => throw new Exception(p.ToString()));

    [Fact]
    public void CloudTrail_notifications_announce_files_that_are_read_then_the_stream_waits_and_never_ends()
    {
        using var reader = Open();
        var (none, waiting) = Drain(reader);
        Assert.Empty(none);
        Assert.Equal(ReadStatus.NoEventNow, waiting);

        _sqs.Send("trail-queue", Sns(CloudTrailNotice(_key1, _key2)));
        var (ids, last) = Drain(reader);

        Assert.Equal(["q1-a", "q1-b", "q2-a"], ids);
        Assert.Equal(ReadStatus.NoEventNow, last);
        Assert.Equal("100.00% - 2/2 files", reader.ProgressText);
        Assert.Equal(["handle-1"], _sqs.Deleted);
        Assert.Equal(ReadStatus.NoEventNow, reader.Next(out _));
        var receive = _sqs.Requests.First(r => r.Action == "ReceiveMessage").Body;
        Assert.Equal(1, (int?)receive["MaxNumberOfMessages"]);
        Assert.Equal(_sqs.QueueUrl("trail-queue"), (string?)receive["QueueUrl"]);
    }

    [Fact]
    public void Messages_are_kept_when_sqsDelete_is_false_and_the_owner_account_is_asked_for()
    {
        using var reader = Open(",\"sqsDelete\":false,\"sqsOwnerAccount\":\"999988887777\"");
        _sqs.Send("trail-queue", Sns(CloudTrailNotice(_key2)));
        Assert.Equal(["q2-a"], Drain(reader).Ids);
        Assert.Empty(_sqs.Deleted);
        var getUrl = _sqs.Requests.First(r => r.Action == "GetQueueUrl").Body;
        Assert.Equal("999988887777", (string?)getUrl["QueueOwnerAWSAccountId"]);
    }

    [Fact]
    public void S3_event_notifications_are_read_with_useS3SNS_inside_SNS_or_delivered_directly()
    {
        using var reader = Open(",\"useS3SNS\":true");
        _sqs.Send("trail-queue", Sns(S3Event(_key2)));
        _sqs.Send("trail-queue", S3Event(_key1));
        Assert.Equal(["q2-a", "q1-a", "q1-b"], Drain(reader).Ids);
    }

    [Fact]
    public void A_message_that_is_not_an_SNS_notification_is_an_error_in_the_plugin_words()
    {
        using var reader = Open();
        _sqs.Send("trail-queue", "{\"Type\":\"SubscriptionConfirmation\"}");
        Assert.Equal("received SQS message that was not a SNS Notification", Assert.Throws<CloudTrailException>(() => reader.Next(out _)).Message);
    }

    [Fact]
    public void A_missing_queue_is_an_error()
    {
        var e = Assert.Throws<CloudTrailException>(() => CloudTrailOpenParams.Open("sqs://nope", CloudTrailConfig.Parse(Config())));
        Assert.StartsWith("cloudtrail plugin error: ", e.Message);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Through_the_host_contract_an_empty_queue_is_a_timeout_not_the_end()
    {
        using var instance = new ManagedPlugin(new CloudTrailPlugin()).CreateInstance(Config());
        using var session = instance.Open("sqs://trail-queue");
        var batch = new EventBatch();
        Assert.Equal(BatchStatus.Timeout, session.NextBatch(batch));
        Assert.Equal(0, batch.Count);
        _sqs.Send("trail-queue", Sns(CloudTrailNotice(_key1)));
        Assert.Equal(BatchStatus.Timeout, session.NextBatch(batch));
        Assert.Equal(2, batch.Count);
    }

    [Fact]
    public void A_queue_names_no_position_and_cannot_be_resumed()
    {
        using var instance = new ManagedPlugin(new CloudTrailPlugin()).CreateInstance(Config());
        List<string> problems = [];
        ((CloudTrailPluginState)instance.Extractor!).ProblemSink = p => problems.Add(p.ToString());
        using var session = instance.Open("sqs://trail-queue");
        var resumable = Assert.IsAssignableFrom<IResumableSession>(session);

        Assert.Equal(0UL, resumable.ResumeAfter(1, "ct1:1:" + _key1));
        Assert.Equal(_key1 + ": cannot resume in this file: the source is a queue; reading on from the queue", Assert.Single(problems));
        _sqs.Send("trail-queue", Sns(CloudTrailNotice(_key1)));
        var batch = new EventBatch();
        Assert.Equal(BatchStatus.Timeout, session.NextBatch(batch));
        Assert.Equal(2, batch.Count);
        Assert.Equal(1UL, batch[0].Num);
        Assert.Null(resumable.PositionAfter(2));
    }
}
