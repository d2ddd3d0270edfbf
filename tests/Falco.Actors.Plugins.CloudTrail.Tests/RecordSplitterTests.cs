using System.Text;
using Falco.Actors.Plugins.CloudTrail.Reading;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

public sealed class RecordSplitterTests
{
    private static (List<string> Records, List<RecordProblem> Problems) Split(string text, int chunk = 7)
    {
        List<RecordProblem> problems = [];
        // A stream that returns few bytes per read exercises records spanning buffer refills.
        var splitter = new RecordSplitter(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk), "f.json", problems.Add);
        List<string> records = [];
        while (splitter.TryNext(out var r, out _))
        {
            records.Add(Encoding.UTF8.GetString(r.Span));
        }
        return (records, problems);
    }

    [Fact]
    public void Records_are_the_original_bytes_of_each_element_of_Records()
    {
        var text = "{\"Records\": [\n  {\"a\": 1,  \"b\": {\"c\": [1, {\"d\": 2}]}},\n  {\"e\" : \"x\"}\n]}";
        var (records, problems) = Split(text);
        Assert.Equal(["{\"a\": 1,  \"b\": {\"c\": [1, {\"d\": 2}]}}", "{\"e\" : \"x\"}"], records);
        Assert.Empty(problems);
    }

    [Fact]
    public void Braces_and_escaped_quotes_inside_strings_do_not_split()
    {
        var text = "{\"Records\":[{\"policy\":\"{\\\"Statement\\\":[{}]} }}}\",\"q\":\"a\\\\\"},{\"n\":\"\\\"{\"}]}";
        var (records, _) = Split(text, 3);
        Assert.Equal(["{\"policy\":\"{\\\"Statement\\\":[{}]} }}}\",\"q\":\"a\\\\\"}", "{\"n\":\"\\\"{\"}"], records);
    }

    [Fact]
    public void Empty_Records_yields_nothing()
    {
        Assert.Empty(Split("{\"Records\":[]}").Records);
    }

    [Fact]
    public void A_truncated_file_keeps_complete_records_and_reports_the_cut_one_with_its_position()
    {
        var text = "{\"Records\":[{\"a\":1},{\"b\":";
        var (records, problems) = Split(text);
        Assert.Equal(["{\"a\":1}"], records);
        var problem = Assert.Single(problems);
        Assert.Equal("f.json", problem.File);
        Assert.Equal(text.IndexOf("{\"b\"", StringComparison.Ordinal), problem.Position);
        Assert.Contains("truncated record", problem.Message);
    }

    [Fact]
    public void A_file_without_any_object_is_reported_at_its_first_content_byte()
    {
        var (records, problems) = Split("  \n<html>not json</html>");
        Assert.Empty(records);
        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Position);
        Assert.Contains("no JSON object", problem.Message);
        Assert.Empty(Split(" \n ").Problems);
    }

    [Fact]
    public void A_record_larger_than_the_read_buffer_is_kept_whole()
    {
        var big = new string('x', 300_000);
        var (records, _) = Split("{\"Records\":[{\"big\":\"" + big + "\"},{\"n\":2}]}", 50_000);
        Assert.Equal(2, records.Count);
        Assert.Equal(300_010, records[0].Length);
    }

    /// <summary>Returns at most <paramref name="chunk"/> bytes per read.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
