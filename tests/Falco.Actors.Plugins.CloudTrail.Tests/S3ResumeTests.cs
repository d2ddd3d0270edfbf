using System.Reflection;
using System.Text;
using Amazon.S3;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.CloudTrail.Sources;
using Falco.Actors.Plugins.CloudTrail.Tests.Servers;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Managed;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

/// <summary>Resuming an S3 session (a real s3rver on 127.0.0.1): objects before the position are never fetched.</summary>
public sealed class S3ResumeTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private const string Bucket = "resume";
    private static readonly DateTime T0 = new(2024, 8, 2, 8, 50, 0, DateTimeKind.Utc);

    /// <summary>Four objects under <paramref name="prefix"/>: 3, 600, 2 and 1 events (606), gzip'd but the third.</summary>
    private string[] Fill(string prefix)
    {
        lock (s3)
        {
            if (s3.Client.ListBucketsAsync().GetAwaiter().GetResult().Buckets?.Any(b => b.BucketName == Bucket) != true)
            {
                s3.CreateBucket(Bucket);
            }
        }
        string[] keys = [prefix + "1.json.gz", prefix + "2.json.gz", prefix + "3.json", prefix + "4.json.gz"];
        s3.Put(Bucket, keys[0], CloudTrailLogs.File(T0, "k1-0", "k1-1", "k1-2"));
        s3.Put(Bucket, keys[1], CloudTrailLogs.File(T0, [.. Enumerable.Range(0, 600).Select(i => "k2-" + i)]));
        s3.Put(Bucket, keys[2], CloudTrailLogs.Plain(CloudTrailLogs.Text(T0, "k3-0", "k3-1")));
        s3.Put(Bucket, keys[3], CloudTrailLogs.File(T0, "k4-0"));
        return keys;
    }

    private (IPluginInstance Instance, List<string> Problems) Instance()
    {
        var instance = new ManagedPlugin(new CloudTrailPlugin()).CreateInstance(s3.Config(",\"s3DownloadConcurrency\":2"));
        List<string> problems = [];
        ((CloudTrailPluginState)instance.Extractor!).ProblemSink = p => problems.Add(p.ToString());
        return (instance, problems);
    }

    [Fact]
    public void A_resumed_S3_session_reads_exactly_the_rest_and_never_the_objects_before_its_position()
    {
        var keys = Fill("plugin/");
        var (first, _) = Instance();
        using var __ = first;
        List<(ulong Num, string Payload)> all;
        Dictionary<ulong, string> positions;
        ulong[] numbers = [2, 3, 4, 500, 603, 604, 606];
        using (var session = first.Open($"s3://{Bucket}/plugin/"))
        {
            all = TestSupport.ReadAll(session);
            positions = numbers.ToDictionary(n => n, n => ((IResumableSession)session).PositionAfter(n)!);
        }
        Assert.Equal(606, all.Count);
        Assert.Equal("ct1:2:" + keys[0], positions[2]);
        Assert.Equal("ct1:3:" + keys[0], positions[3]);
        Assert.Equal("ct1:1:" + keys[1], positions[4]);
        Assert.Equal("ct1:497:" + keys[1], positions[500]);
        Assert.Equal("ct1:1:" + keys[2], positions[604]);
        Assert.Equal("ct1:1:" + keys[3], positions[606]);

        foreach (var n in numbers)
        {
            // The same keys, now garbage: fetching one of them again would be reported.
            Assert.True(ResumePosition.TryParse(positions[n], out var named, out ulong _, out string _));
            foreach (var key in keys.TakeWhile(k => k != named))
            {
                s3.Put(Bucket, key, Encoding.UTF8.GetBytes("{\"Records\":[{\"eventID\":\"garbage\" ]]]"));
            }
            var (second, problems) = Instance();
            using var ___ = second;
            using var resumed = second.Open($"s3://{Bucket}/plugin/");
            Assert.Equal(n, ((IResumableSession)resumed).ResumeAfter(n, positions[n]));

            Assert.Equal(all.Skip((int)n), TestSupport.ReadAll(resumed));
            Assert.Empty(problems);
        }
    }

    [Fact]
    public void Skipped_objects_are_never_downloaded()
    {
        var keys = Fill("fetch/");
        var s3Client = CountingS3.Wrap(s3.Client);
        List<RecordProblem> problems = [];
        using var reader = new CloudTrailEventReader(new S3LogFileSource(s3Client, Bucket, keys, 4), problems.Add);

        Assert.True(reader.ResumeAt(keys[2], 1));
        Assert.Empty(CountingS3.Of(s3Client).Fetched);
        List<string> ids = [];
        while (reader.Next(out var r) == ReadStatus.Record)
        {
            ids.Add(TestSupport.Ct1("ct.id", Encoding.UTF8.GetString(r.Payload.Span))!);
        }

        Assert.Equal(["k3-1", "k4-0"], ids);
        Assert.Equal([keys[2], keys[3]], CountingS3.Of(s3Client).Fetched);
        Assert.Empty(problems);
        Assert.Equal("100.00% - 4/4 files", reader.ProgressText);
    }

    [Fact]
    public void An_object_no_longer_listed_cannot_be_resumed_in_and_nothing_is_downloaded_for_it()
    {
        var keys = Fill("gone/");
        var s3Client = CountingS3.Wrap(s3.Client);
        List<RecordProblem> problems = [];
        using var reader = new CloudTrailEventReader(new S3LogFileSource(s3Client, Bucket, keys, 4), problems.Add);

        Assert.False(reader.ResumeAt("gone/0.json.gz", 1));

        Assert.Empty(CountingS3.Of(s3Client).Fetched);
        Assert.Equal("gone/0.json.gz: cannot resume in this file: it is not among the files listed now; reading from the start",
            Assert.Single(problems).ToString());
        var count = 0;
        while (reader.Next(out _) == ReadStatus.Record)
        {
            count++;
        }
        Assert.Equal(606, count);
    }
}

/// <summary>An <see cref="IAmazonS3"/> that forwards to a real client and records the keys it fetched; never disposes it.</summary>
public class CountingS3 : DispatchProxy
{
    private IAmazonS3 _target = null!;

    public List<string> Fetched { get; } = [];

    public static IAmazonS3 Wrap(IAmazonS3 target)
    {
        var proxy = Create<IAmazonS3, CountingS3>();
        ((CountingS3)(object)proxy)._target = target;
        return proxy;
    }

    public static CountingS3 Of(IAmazonS3 proxy) => (CountingS3)(object)proxy;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IDisposable.Dispose))
        {
            return null; // the fixture's client outlives the source
        }
        if (targetMethod.Name == nameof(IAmazonS3.GetObjectAsync))
        {
            lock (Fetched)
            {
                Fetched.Add(args!.OfType<string>().Skip(1).FirstOrDefault()
                    ?? args!.OfType<Amazon.S3.Model.GetObjectRequest>().Single().Key);
            }
        }
        try
        {
            return targetMethod.Invoke(_target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
