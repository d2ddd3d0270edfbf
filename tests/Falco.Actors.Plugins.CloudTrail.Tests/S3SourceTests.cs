using System.Text;
using Falco.Actors.Plugins.CloudTrail.Config;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.CloudTrail.Sources;
using Falco.Actors.Plugins.CloudTrail.Tests.Servers;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

/// <summary>The S3 mode against a real S3-compatible server (s3rver) on 127.0.0.1.</summary>
public sealed class S3SourceTests : IClassFixture<S3rverFixture>
{
    private const string Bucket = "trail";
    private const string A = "111122223333";
    private const string B = "444455556666";
    private static readonly DateTime T0 = new(2024, 8, 2, 8, 50, 0, DateTimeKind.Utc);

    private readonly S3rverFixture _s3;

    public S3SourceTests(S3rverFixture s3)
    {
        _s3 = s3;
        lock (s3)
        {
            if (s3.Client.ListBucketsAsync().GetAwaiter().GetResult().Buckets?.Any(b => b.BucketName == Bucket) == true)
            {
                return;
            }
            s3.CreateBucket(Bucket);
            s3.Put(Bucket, CloudTrailLogs.Key(A, "us-east-1", T0, "a1"), CloudTrailLogs.File(T0, "A-use1-0850-1", "A-use1-0850-2"));
            s3.Put(Bucket, CloudTrailLogs.Key(A, "us-east-1", T0.AddMinutes(5), "a2"), CloudTrailLogs.File(T0.AddMinutes(5), "A-use1-0855"));
            s3.Put(Bucket, CloudTrailLogs.Key(A, "us-east-1", T0.AddDays(1), "a3"), CloudTrailLogs.File(T0.AddDays(1), "A-use1-next-day"));
            s3.Put(Bucket, CloudTrailLogs.Key(A, "eu-west-1", T0, "a4"), CloudTrailLogs.File(T0, "A-euw1-0850"));
            s3.Put(Bucket, CloudTrailLogs.DigestKey(A, "us-east-1", T0), CloudTrailLogs.Digest());
            s3.Put(Bucket, CloudTrailLogs.Key(B, "us-east-1", T0, "b1"), CloudTrailLogs.File(T0, "B-use1-0850"));
            s3.Put(Bucket, "exports/plain.json", CloudTrailLogs.Plain(CloudTrailLogs.Text(T0, "plain")));
            s3.Put(Bucket, "exports/readme.txt", CloudTrailLogs.Plain("not a log"));
            s3.Put(Bucket, CloudTrailLogs.Key(A, "us-east-1", T0, "o1", "org/").Replace("org/AWSLogs/", "org/AWSLogs/o-abcdefghij/"),
                CloudTrailLogs.File(T0, "Org-A"));
        }
    }

    private List<string> Read(string openParams, string extraConfig = "")
    {
        var config = CloudTrailConfig.Parse(_s3.Config(extraConfig));
        using var reader = new CloudTrailEventReader(CloudTrailOpenParams.Open(openParams, config), p => throw new Exception(p.ToString()));
        List<string> ids = [];
        while (reader.Next(out var r) == ReadStatus.Record)
        {
            ids.Add(TestSupport.Ct1("ct.id", Encoding.UTF8.GetString(r.Payload.Span))!);
        }
        Assert.Equal(100.0, reader.ProgressPercent);
        return ids;
    }

    [Fact]
    public void An_account_prefix_reads_every_region_of_that_account_in_key_order_without_digests()
    {
        Assert.Equal(["A-euw1-0850", "A-use1-0850-1", "A-use1-0850-2", "A-use1-0855", "A-use1-next-day"],
            Read($"s3://{Bucket}/AWSLogs/{A}"));
        Assert.Equal(Read($"s3://{Bucket}/AWSLogs/{A}"), Read($"s3://{Bucket}/AWSLogs/{A}/CloudTrail/"));
    }

    [Fact]
    public void The_AWSLogs_prefix_expands_to_the_listed_accounts_or_to_every_account_found()
    {
        Assert.Equal(["B-use1-0850"], Read($"s3://{Bucket}/AWSLogs/", ",\"s3AccountList\":\"444455556666\""));
        var all = Read($"s3://{Bucket}/AWSLogs");
        Assert.Equal(6, all.Count);
        Assert.Equal("B-use1-0850", all[^1]);
    }

    [Fact]
    public void An_organisation_trail_prefix_is_expanded_too()
    {
        Assert.Equal(["Org-A"], Read($"s3://{Bucket}/org/AWSLogs/o-abcdefghij/"));
    }

    [Fact]
    public void The_interval_selects_files_by_the_time_in_their_name()
    {
        var interval = ",\"s3Interval\":\"2024-08-02T08:52:00Z-2024-08-02T09:00:00Z\"";
        Assert.Equal(["A-use1-0855"], Read($"s3://{Bucket}/AWSLogs/{A}/", interval));
        Assert.Equal(["A-use1-0855"], Read($"s3://{Bucket}/AWSLogs/{A}/CloudTrail/us-east-1/", interval));
    }

    [Fact]
    public void A_bucket_without_prefix_lists_everything_including_plain_json()
    {
        var ids = Read($"s3://{Bucket}", ",\"s3DownloadConcurrency\":1");
        Assert.Contains("plain", ids);
        Assert.Equal(8, ids.Count);
        Assert.Equal(ids, Read($"s3://{Bucket}", ",\"s3DownloadConcurrency\":5"));
    }

    [Fact]
    public async Task Listing_follows_continuation_tokens()
    {
        var config = CloudTrailConfig.Parse(_s3.Config());
        using var s3 = new AwsClients(config).CreateS3();
        var keys = await new S3LogLister(s3, Bucket, config, null) { PageSize = 2 }.ListAsync("");
        var single = await new S3LogLister(s3, Bucket, config, null).ListAsync("");
        Assert.Equal(7, keys.Count);
        Assert.Equal(single, keys);
        Assert.DoesNotContain(keys, k => k.Contains("Digest"));
    }

    [Fact]
    public void A_missing_bucket_is_a_plugin_error_naming_the_S3_error()
    {
        var e = Assert.Throws<CloudTrailException>(() => Read("s3://no-such-bucket/x"));
        Assert.StartsWith("cloudtrail plugin error: failed to list objects: NoSuchBucket: ", e.Message);
    }
}
