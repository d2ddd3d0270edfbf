using System.Text;
using Falco.Actors.Plugins.CloudTrail.Reading;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

public sealed class RecordSplitterTests
{
    private static (List<string> Records, List<RecordProblem> Problems) Split(string text, int chunk = 7,
        int maxRecordSize = RecordSplitter.DefaultMaxRecordSize)
    {
        List<RecordProblem> problems = [];
        // A stream that returns few bytes per read exercises records spanning buffer refills.
        var splitter = new RecordSplitter(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk), "f.json", problems.Add, maxRecordSize);
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

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(100_000)]
    public void A_record_over_the_size_limit_is_dropped_while_read_and_the_next_one_is_split(int chunk)
    {
        var big = "{\"s\":\"" + new string('x', 100) + "}\\\"{\",\"o\":{\"p\":[{}]}}";
        var text = "{\"Records\":[{\"a\":1}," + big + ",{\"b\":2}]}";

        var (records, problems) = Split(text, chunk, maxRecordSize: 40);

        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], records);
        var problem = Assert.Single(problems);
        Assert.Equal(text.IndexOf(big, StringComparison.Ordinal), problem.Position);
        Assert.Equal($"record of {big.Length} bytes is larger than maxRecordSize (40 bytes): skipped", problem.Message);
    }

    [Fact]
    public void A_file_ending_inside_a_record_over_the_limit_is_reported_once()
    {
        var text = "{\"Records\":[{\"a\":1},{\"s\":\"" + new string('x', 100);

        var (records, problems) = Split(text, 5, maxRecordSize: 40);

        Assert.Equal(["{\"a\":1}"], records);
        var problem = Assert.Single(problems);
        Assert.Equal(20, problem.Position);
        Assert.StartsWith("truncated record larger than maxRecordSize (40 bytes)", problem.Message);
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

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64 * 1024)]
    public void Escapes_braces_and_quotes_at_every_offset_split_the_same(int chunk)
    {
        // Backslash runs of every length, escaped quotes and braces in strings, at every position of the 64-byte
        // blocks the splitter scans at once (and across its buffer refills).
        List<string> expected = [];
        for (var pad = 0; pad < 70; pad++)
        {
            var run = new string('\\', pad % 5);
            var value = new string('a', pad) + run + (pad % 5 % 2 == 1 ? "\"{}" : "{}") + "\\\"}";
            expected.Add("{\"p\":\"" + value + "\",\"o\":{\"x\":[{}]}}");
        }
        var text = "{\"Records\":[" + string.Join(",", expected) + "]}";
        var (records, problems) = Split(text, chunk);
        Assert.Equal(expected, records);
        Assert.Empty(problems);
    }

    [Fact]
    public void Malformed_text_splits_the_same_however_the_stream_delivers_it()
    {
        // Random mixes of the bytes that drive the splitter (also backslashes outside strings, stray braces):
        // read one byte at a time or all at once, records and problems are the same.
        var random = new Random(20240801);
        string[] alphabets = ["{}\"\\a \n", "{}\"\\\\aaaaaaaaaa", "{\"}\"{\"aaaaaaaaaaaaaaaaaaa\\"];
        for (var round = 0; round < 300; round++)
        {
            var alphabet = alphabets[round % alphabets.Length];
            var chars = new char[random.Next(1, 600)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = alphabet[random.Next(alphabet.Length)];
            }
            var text = "{\"Records\":[" + new string(chars);
            var (bytewise, bytewiseProblems) = Split(text, 1);
            var (whole, wholeProblems) = Split(text, 1 << 20);
            Assert.Equal(bytewise, whole);
            Assert.Equal(bytewiseProblems, wholeProblems);
        }
    }

    /// <summary>Returns at most <paramref name="chunk"/> bytes per read.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
