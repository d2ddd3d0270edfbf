using System.IO.Compression;
using System.Text;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.CloudTrail.Config;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.CloudTrail.Sources;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Managed;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

/// <summary>
/// Records that are too big, too deep or oddly escaped: skipped and reported with file and byte position (never
/// silently), memory bounded by maxRecordSize, and strings decoded as Go's encoding/json does.
/// </summary>
public sealed class RecordLimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ct-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static string Rec(string id, string extra = "") =>
        $"{{\"eventID\":\"{id}\",\"eventTime\":\"2024-08-02T08:53:24Z\",\"eventType\":\"AwsApiCall\"{extra}}}";

    internal static (List<string> Ids, List<RecordProblem> Problems, long Malformed) ReadAll(string path, string initConfig)
    {
        List<RecordProblem> problems = [];
        var config = CloudTrailConfig.Parse(initConfig);
        using var reader = new CloudTrailEventReader(CloudTrailOpenParams.Open(path, config), problems.Add, config.MaxRecordSize);
        List<string> ids = [];
        while (reader.Next(out var r) == ReadStatus.Record)
        {
            ids.Add(TestSupport.Ct1("ct.id", Encoding.UTF8.GetString(r.Payload.Span)) ?? "");
        }
        return (ids, problems, reader.MalformedCount);
    }

    [Fact]
    public void A_record_over_maxRecordSize_is_skipped_and_reported_with_file_and_position_and_its_neighbours_are_read()
    {
        var big = Rec("big", ",\"requestParameters\":{\"blob\":\"" + new string('x', 50_000) + "\",\"o\":{\"s\":\"}{\\\"\"}}");
        var head = "{\"Records\":[" + Rec("before") + ",";
        var text = head + big + "," + Rec("after") + "]}";
        var path = Path.Combine(_dir, "big.json.gz");
        File.WriteAllBytes(path, TestSupport.Gzip(text));

        var (ids, problems, malformed) = ReadAll(path, """{"maxRecordSize": 10000}""");

        Assert.Equal(["before", "after"], ids);
        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.File);
        Assert.Equal(Encoding.UTF8.GetByteCount(head), problem.Position);
        Assert.Contains("maxRecordSize", problem.Message);
        Assert.Contains(Encoding.UTF8.GetByteCount(big).ToString(), problem.Message);
        Assert.Equal(1, malformed);
    }

    [Fact]
    public void A_record_just_over_the_limit_inside_one_read_is_skipped_too()
    {
        var text = "{\"Records\":[" + Rec("a") + "," + Rec("b", ",\"pad\":\"" + new string('p', 300) + "\"") + "," + Rec("c") + "]}";
        var path = Path.Combine(_dir, "small.json");
        File.WriteAllText(path, text);

        var (ids, problems, _) = ReadAll(path, """{"maxRecordSize": 200}""");

        Assert.Equal(["a", "c"], ids);
        Assert.Equal(text.IndexOf("{\"eventID\":\"b\"", StringComparison.Ordinal), Assert.Single(problems).Position);
    }

    [Fact]
    public void A_record_nested_deeper_than_10000_levels_is_reported_and_one_at_10000_is_read()
    {
        static string Nested(int levels) => new string('[', levels) + new string(']', levels);
        // The record is level 1: its member's arrays bring it to 10,000 levels, or one more.
        var text = "{\"Records\":[" + Rec("deep", ",\"x\":" + Nested(9_999)) + ","
            + Rec("deeper", ",\"x\":" + Nested(10_000)) + "," + Rec("after") + "]}";
        var path = Path.Combine(_dir, "deep.json");
        File.WriteAllText(path, text);

        var (ids, problems, malformed) = ReadAll(path, "");

        Assert.Equal(["deep", "after"], ids);
        var problem = Assert.Single(problems);
        Assert.Equal(text.IndexOf("{\"eventID\":\"deeper\"", StringComparison.Ordinal), problem.Position);
        Assert.Contains("nested deeper than 10000 levels", problem.Message);
        Assert.Equal(1, malformed);
    }

    [Fact]
    public void A_lone_surrogate_in_a_field_a_rule_reads_gives_the_field_with_U_FFFD()
    {
        const string json = """{"eventName":"Delete\ud800Bucket","eventType":"Aws\udc00","userIdentity":{"arn":"arn:aws:iam::1:user/\ud800"},"eventTime":"2024-08-02T08:53:24Z"}""";
        var path = Path.Combine(_dir, "surrogates.json");
        File.WriteAllText(path, "{\"Records\":[" + json + "]}");

        List<RecordProblem> problems = [];
        using var reader = new CloudTrailEventReader(CloudTrailOpenParams.Open(path, new CloudTrailConfig()), problems.Add);
        Assert.Equal(ReadStatus.Record, reader.Next(out var record));
        var payload = Encoding.UTF8.GetString(record.Payload.Span);

        Assert.Equal("Delete\uFFFDBucket", TestSupport.Ct1("ct.name", payload));
        Assert.Equal("arn:aws:iam::1:user/\uFFFD", TestSupport.Ct1("ct.user.arn", payload));
        Assert.Empty(problems);
    }

    [Fact]
    public void The_init_configs_maxRecordSize_reaches_the_sessions_the_plugin_opens()
    {
        File.WriteAllText(Path.Combine(_dir, "log.json"),
            "{\"Records\":[" + Rec("a") + "," + Rec("b", ",\"pad\":\"" + new string('p', 500) + "\"") + "]}");
        using var ct = new ManagedPlugin(new CloudTrailPlugin()).CreateInstance("{\"maxRecordSize\": 300}");
        using var session = ct.Open(_dir);
        var batch = new EventBatch();

        Assert.Equal(BatchStatus.Eof, session.NextBatch(batch));

        Assert.Equal(1, batch.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("\"64\"")]
    public void MaxRecordSize_must_be_a_positive_integer(string value)
    {
        var e = Assert.Throws<CloudTrailException>(() => CloudTrailConfig.Parse($$"""{"maxRecordSize": {{value}}}"""));
        Assert.Contains("maxRecordSize", e.Message);
    }

    [Fact]
    public void MaxRecordSize_defaults_to_64_MiB_and_is_in_the_init_schema()
    {
        Assert.Equal(64 * 1024 * 1024, new CloudTrailConfig().MaxRecordSize);
        Assert.Equal(1000, CloudTrailConfig.Parse("""{"maxRecordSize": 1000}""").MaxRecordSize);
        Assert.Contains("\"maxRecordSize\"", CloudTrailInitSchema.Text);
    }
}
