using System.Text;
using Falco.Actors.Plugins.CloudTrail.Config;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.CloudTrail.Sources;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

public sealed class LocalReadingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ct-local-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Rec(string id, string time = "2024-08-02T08:53:24Z", string type = "AwsApiCall") =>
        $"{{\"eventID\":\"{id}\",\"eventTime\":\"{time}\",\"eventType\":\"{type}\"}}";

    private void Write(string relative, byte[] content)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    private static (List<(string Id, ulong Ts)> Events, List<RecordProblem> Problems, CloudTrailEventReader Reader) ReadAll(string path)
    {
        List<RecordProblem> problems = [];
        var reader = new CloudTrailEventReader(CloudTrailOpenParams.Open(path, new CloudTrailConfig()), problems.Add);
        List<(string, ulong)> events = [];
        while (reader.Next(out var r) == ReadStatus.Record)
        {
            var text = Encoding.UTF8.GetString(r.Payload.Span);
            events.Add((TestSupport.Ct1("ct.id", text) ?? "", r.TimestampNs));
        }
        return (events, problems, reader);
    }

    [Fact]
    public void A_directory_is_walked_recursively_in_lexical_order_with_gzip_and_digest_files_skipped()
    {
        Write("b/2.json.gz", TestSupport.Gzip($"{{\"Records\":[{Rec("b2")}]}}"));
        Write("a.json", Encoding.UTF8.GetBytes($"{{\"Records\":[{Rec("a1")},{Rec("a2")}]}}"));
        Write("b/1.json", Encoding.UTF8.GetBytes($"{{\"Records\":[{Rec("b1")}]}}"));
        Write("notes.txt", Encoding.UTF8.GetBytes("{\"Records\":[]}"));
        Write("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/08/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240802T0853Z.json.gz",
            TestSupport.Gzip("{\"logFiles\":[{\"s3Object\":\"x\"}]}"));

        var (events, problems, reader) = ReadAll(_dir);

        Assert.Equal(["a1", "a2", "b1", "b2"], events.Select(e => e.Id));
        Assert.Empty(problems);
        Assert.Equal("100.00% - 3/3 files", reader.ProgressText);
        reader.Dispose();
    }

    [Fact]
    public void Timestamps_are_eventTime_in_nanoseconds()
    {
        Write("t.json", Encoding.UTF8.GetBytes($"{{\"Records\":[{Rec("x", "2024-08-02T08:53:24.5+01:00")}]}}"));
        var (events, _, reader) = ReadAll(_dir);
        var expected = (ulong)(new DateTimeOffset(2024, 8, 2, 7, 53, 24, TimeSpan.Zero).ToUnixTimeMilliseconds() + 500) * 1_000_000UL;
        Assert.Equal(expected, Assert.Single(events).Ts);
        reader.Dispose();
    }

    [Fact]
    public void Records_without_time_or_type_with_a_bad_time_or_of_Insight_type_are_skipped_and_bad_ones_reported()
    {
        var records = string.Join(",",
            Rec("ok1"),
            "{\"eventID\":\"notime\",\"eventType\":\"AwsApiCall\"}",
            "{\"eventID\":\"notype\",\"eventTime\":\"2024-08-02T08:53:24Z\"}",
            Rec("badtime", "02/08/2024 08:53"),
            Rec("insight", type: "AwsCloudTrailInsight"),
            "{\"eventID\":\"broken\",\"eventTime\":\"2024-08-02T08:53:24Z\",\"eventType\":\"AwsApiCall\",\"x\":tru}",
            Rec("ok2"));
        Write("r.json", Encoding.UTF8.GetBytes($"{{\"Records\":[{records}]}}"));

        var (events, problems, reader) = ReadAll(_dir);

        Assert.Equal(["ok1", "ok2"], events.Select(e => e.Id));
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.EndsWith("r.json", p.File));
        Assert.Contains("RFC 3339", problems[0].Message);
        Assert.Contains("not valid JSON", problems[1].Message);
        reader.Dispose();
    }

    [Fact]
    public void The_check_reads_only_top_level_members_so_a_record_broken_inside_a_nested_value_is_an_event_without_field_values()
    {
        // The source checks the object's own syntax and skips nested values; the evaluator's single parse then
        // finds the record invalid and extracts nothing (parse once instead of twice).
        var nested = "{\"eventID\":\"nested\",\"requestParameters\":{\"a\":[1,{\"b\":tru}],\"s\":\"}]\\\"\"},\"eventTime\":\"2024-08-02T08:53:24Z\",\"eventType\":\"AwsApiCall\"}";
        var records = string.Join(",",
            nested,
            "{\"eventID\":\"top\",\"eventTime\":\"2024-08-02T08:53:24Z\",\"eventType\":\"AwsApiCall\" \"x\":1}",
            Rec("ok"));
        Write("n.json", Encoding.UTF8.GetBytes($"{{\"Records\":[{records}]}}"));
        List<RecordProblem> problems = [];
        using var reader = new CloudTrailEventReader(CloudTrailOpenParams.Open(_dir, new CloudTrailConfig()), problems.Add);
        List<string> payloads = [];
        while (reader.Next(out var r) == ReadStatus.Record)
        {
            payloads.Add(Encoding.UTF8.GetString(r.Payload.Span));
        }

        Assert.Equal([nested, Rec("ok")], payloads);
        Assert.Null(TestSupport.Ct1("ct.id", nested));
        Assert.Single(problems);
        Assert.Contains("not valid JSON: expected ',' or '}' after a member", problems[0].Message);
    }

    [Fact]
    public void A_corrupt_gzip_file_is_reported_and_the_next_file_still_read()
    {
        var gz = TestSupport.Gzip($"{{\"Records\":[{Rec("lost")}]}}");
        gz[12] ^= 0xFF;
        gz[20] ^= 0xFF;
        Write("1.json.gz", gz);
        Write("2.json", Encoding.UTF8.GetBytes($"{{\"Records\":[{Rec("kept")}]}}"));

        var (events, problems, reader) = ReadAll(_dir);

        Assert.Equal(["kept"], events.Select(e => e.Id));
        Assert.Contains(problems, p => p.File.EndsWith("1.json.gz") && p.Message.Contains("cannot read"));
        reader.Dispose();
    }

    [Fact]
    public void Real_records_of_a_stratus_detonation_are_read()
    {
        Write("s.json", Encoding.UTF8.GetBytes(TestSupport.StratusLog("aws.execution.ec2-launch-unusual-instances.json")));
        var (events, problems, reader) = ReadAll(Path.Combine(_dir, "s.json"));
        Assert.Equal(3, events.Count);
        Assert.Empty(problems);
        reader.Dispose();
    }

    [Fact]
    public void Open_errors_use_the_plugin_wording()
    {
        Assert.Equal("cloudtrail plugin error: missing input directory argument",
            Assert.Throws<CloudTrailException>(() => CloudTrailOpenParams.Open("  ", new CloudTrailConfig())).Message);
        var missing = Path.Combine(_dir, "nope");
        Assert.Equal($"cloudtrail plugin error: cannot open {missing}",
            Assert.Throws<CloudTrailException>(() => CloudTrailOpenParams.Open(missing, new CloudTrailConfig())).Message);
        Assert.Equal($"cloudtrail plugin error: no json files found in {_dir}",
            Assert.Throws<CloudTrailException>(() => CloudTrailOpenParams.Open(_dir, new CloudTrailConfig())).Message);
    }
}
