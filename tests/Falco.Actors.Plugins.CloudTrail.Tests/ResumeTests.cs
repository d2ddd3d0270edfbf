using System.Text;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Managed;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

/// <summary>
/// A cloudtrail session over files names its place after an event and a later session continues there, through the
/// host contract (<see cref="IResumableSession"/>), as the engine does when a source restarts.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private static readonly ManagedPlugin Plugin = new(new CloudTrailPlugin());
    private readonly string _dir = Directory.CreateTempSubdirectory("ct-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Rec(string id, string type = "AwsApiCall") =>
        $"{{\"eventID\":\"{id}\",\"eventTime\":\"2024-08-02T08:53:24Z\",\"eventType\":\"{type}\",\"n\":\"{id}\"}}";

    private const string Bad1 = "{\"eventID\":\"bad1\",\"eventTime\":\"2024-08-02T08:53:24Z\",\"eventType\":\"AwsApiCall\" \"x\":1}";
    private const string Bad2 = "{\"eventID\":\"bad2\",\"eventTime\":\"2024-08-02T08:53:24Z\",\"eventType\":\"AwsApiCall\",\"x\":tru}";

    private string PathOf(string relative) => Path.Combine(_dir, relative);

    private void Write(string relative, string text, bool gzip = false)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, gzip ? TestSupport.Gzip(text) : Encoding.UTF8.GetBytes(text));
    }

    private static string Log(params string[] records) => "{\"Records\":[" + string.Join(",", records) + "]}";

    /// <summary>
    /// 707 events in 5 files (lexical order): a.json.gz 1-700 (two batches), b.json 701-704 with a malformed record
    /// after b1 and one after b3, c.json with no event, d/e.json.gz 705, f.json 706-707.
    /// </summary>
    private void WriteCorpus()
    {
        Write("a.json.gz", Log([.. Enumerable.Range(0, 700).Select(i => Rec("a" + i))]), gzip: true);
        Write("b.json", Log(Rec("b1"), Bad1, Rec("b2"), Rec("b3"), Bad2, Rec("b4")));
        Write("c.json", Log(Rec("insight", "AwsCloudTrailInsight")));
        Write("d/e.json.gz", Log(Rec("e1")), gzip: true);
        Write("f.json", Log(Rec("f1"), Rec("f2")));
    }

    private (IPluginInstance Instance, List<string> Problems) Instance()
    {
        var instance = Plugin.CreateInstance("{}");
        List<string> problems = [];
        ((CloudTrailPluginState)instance.Extractor!).ProblemSink = p => problems.Add(p.ToString());
        return (instance, problems);
    }

    [Fact]
    public void A_second_session_resumed_after_any_event_reads_exactly_the_rest_without_reading_earlier_files_again()
    {
        WriteCorpus();
        var (first, firstProblems) = Instance();
        using var _ = first;
        using var session = first.Open(_dir);
        var all = TestSupport.ReadAll(session);
        Assert.Equal(707, all.Count);
        Assert.Equal(Enumerable.Range(1, 707).Select(i => (ulong)i), all.Select(e => e.Num));
        Assert.Equal(2, firstProblems.Count);

        // First event, mid-file in the second batch, last of a file, first of a file, mid-file between problems,
        // a one-event file after a file without events, the last event. Asked in order, as the engine does.
        ulong[] numbers = [1, 600, 700, 701, 702, 703, 705, 707];
        var positions = numbers.ToDictionary(n => n, n => ((IResumableSession)session).PositionAfter(n)!);
        Assert.Equal("ct1:600:" + PathOf("a.json.gz"), positions[600]);
        Assert.Equal("ct1:700:" + PathOf("a.json.gz"), positions[700]);
        Assert.Equal("ct1:1:" + PathOf("b.json"), positions[701]);
        Assert.Equal("ct1:1:" + PathOf("d/e.json.gz"), positions[705]);
        Assert.Equal("ct1:2:" + PathOf("f.json"), positions[707]);

        string[] files = ["a.json.gz", "b.json", "c.json", "d/e.json.gz", "f.json"];
        foreach (var n in numbers)
        {
            // Every file before the position's file is now garbage: reading one again would be seen.
            Assert.True(ResumePosition.TryParse(positions[n], out var named, out ulong _, out string _));
            foreach (var file in files.TakeWhile(f => PathOf(f) != named))
            {
                Write(file, "{\"Records\":[{\"eventID\":\"garbage\" ]]]");
            }

            var (second, problems) = Instance();
            using var __ = second;
            using var resumed = second.Open(_dir);
            Assert.Equal(n, ((IResumableSession)resumed).ResumeAfter(n, positions[n]));
            var rest = TestSupport.ReadAll(resumed);

            Assert.Equal(all.Skip((int)n), rest);
            // Only the malformed records after the place are reported (those before it were, by the first session).
            var expected = firstProblems.Where((_, i) => n < (i == 0 ? 702UL : 704UL));
            Assert.Equal(expected, problems);
            Assert.Equal("100.00% - 5/5 files", resumed.Progress?.Text);
        }
    }

    [Fact]
    public void A_resumed_session_names_positions_that_resume_again()
    {
        WriteCorpus();
        var (instance, _) = Instance();
        using var __ = instance;
        List<(ulong Num, string Payload)> all;
        using (var full = instance.Open(_dir))
        {
            all = TestSupport.ReadAll(full);
        }
        using var first = instance.Open(_dir);
        Assert.Equal(650UL, ((IResumableSession)first).ResumeAfter(650, "ct1:650:" + PathOf("a.json.gz")));
        first.NextBatch(new EventBatch());
        var position = ((IResumableSession)first).PositionAfter(702);
        Assert.Equal("ct1:2:" + PathOf("b.json"), position);

        using var second = instance.Open(_dir);
        Assert.Equal(702UL, ((IResumableSession)second).ResumeAfter(702, position!));
        Assert.Equal(all.Skip(702), TestSupport.ReadAll(second));
    }

    [Fact]
    public void A_position_in_the_resumed_file_counts_the_records_skipped_there()
    {
        WriteCorpus();
        var (instance, _) = Instance();
        using var __ = instance;
        using var session = instance.Open(_dir);
        ((IResumableSession)session).ResumeAfter(650, "ct1:650:" + PathOf("a.json.gz"));
        session.NextBatch(new EventBatch());
        Assert.Equal("ct1:651:" + PathOf("a.json.gz"), ((IResumableSession)session).PositionAfter(651));
        Assert.Equal("ct1:700:" + PathOf("a.json.gz"), ((IResumableSession)session).PositionAfter(700));
        Assert.Equal("ct1:4:" + PathOf("b.json"), ((IResumableSession)session).PositionAfter(704));
    }

    [Fact]
    public void A_file_no_longer_listed_cannot_be_resumed_in_and_the_session_reads_from_the_start()
    {
        WriteCorpus();
        var (instance, problems) = Instance();
        using var __ = instance;
        using var session = instance.Open(_dir);
        var gone = PathOf("0.json");

        Assert.Equal(0UL, ((IResumableSession)session).ResumeAfter(5, "ct1:5:" + gone));

        var events = TestSupport.ReadAll(session);
        Assert.Equal(707, events.Count);
        Assert.Equal(1UL, events[0].Num);
        Assert.Equal(gone + ": cannot resume in this file: it is not among the files listed now; reading from the start", problems[0]);
        Assert.Equal(3, problems.Count);
    }

    [Theory]
    [InlineData("garbage", "not a cloudtrail position (expected ct1:<records>:<file>)")]
    [InlineData("ct2:1:a.json", "not a cloudtrail position (expected ct1:<records>:<file>)")]
    [InlineData("ct1:-1:a.json", "the record count is not a decimal number (expected ct1:<records>:<file>)")]
    [InlineData("ct1:x", "the record count is not a decimal number (expected ct1:<records>:<file>)")]
    [InlineData("ct1:1:", "the file name is empty (expected ct1:<records>:<file>)")]
    public void A_malformed_position_cannot_be_resumed_from_and_says_why_in_one_line(string position, string why)
    {
        WriteCorpus();
        var (instance, problems) = Instance();
        using var __ = instance;
        using var session = instance.Open(_dir);

        Assert.Equal(0UL, ((IResumableSession)session).ResumeAfter(5, position));

        Assert.Equal($"cannot resume from position '{position}': {why}; reading from the start", problems[0]);
        Assert.Equal(707, TestSupport.ReadAll(session).Count);
    }

    [Fact]
    public void A_position_counting_more_records_than_events_before_it_is_refused()
    {
        WriteCorpus();
        var (instance, problems) = Instance();
        using var __ = instance;
        using var session = instance.Open(_dir);
        Assert.Equal(0UL, ((IResumableSession)session).ResumeAfter(5, "ct1:6:" + PathOf("a.json.gz")));
        Assert.Contains("the position is not one of this stream", problems[0]);
        Assert.Equal(707, TestSupport.ReadAll(session).Count);
    }

    [Fact]
    public void A_file_that_lost_records_since_is_reported_and_the_session_goes_on_with_the_next_file()
    {
        WriteCorpus();
        Write("b.json", Log(Rec("b1"), Rec("b2")));
        var (instance, problems) = Instance();
        using var __ = instance;
        using var session = instance.Open(_dir);

        Assert.Equal(703UL, ((IResumableSession)session).ResumeAfter(703, "ct1:3:" + PathOf("b.json")));

        var rest = TestSupport.ReadAll(session);
        Assert.Equal([704UL, 705UL, 706UL], rest.Select(e => e.Num));
        Assert.Equal([Rec("e1"), Rec("f1"), Rec("f2")], rest.Select(e => e.Payload));
        Assert.Equal(PathOf("b.json") + ": resumed after record 3 of this file, but it has only 2 now: going on with the next file",
            Assert.Single(problems));
    }

    [Fact]
    public void File_names_with_colons_and_any_character_round_trip()
    {
        Write("we:ird/x: y\u00e9.json", Log(Rec("w1"), Rec("w2"), Rec("w3")));
        var (instance, _) = Instance();
        using var __ = instance;
        using var first = instance.Open(_dir);
        var all = TestSupport.ReadAll(first);
        var position = ((IResumableSession)first).PositionAfter(2)!;
        Assert.Equal("ct1:2:" + PathOf("we:ird/x: y\u00e9.json"), position);

        using var second = instance.Open(_dir);
        Assert.Equal(2UL, ((IResumableSession)second).ResumeAfter(2, position));
        Assert.Equal(all.Skip(2), TestSupport.ReadAll(second));
    }

    [Fact]
    public void Positions_of_events_not_handed_out_are_unknown()
    {
        WriteCorpus();
        var (instance, _) = Instance();
        using var __ = instance;
        using var session = instance.Open(_dir);
        var resumable = (IResumableSession)session;
        Assert.Null(resumable.PositionAfter(1));
        session.NextBatch(new EventBatch());
        Assert.Null(resumable.PositionAfter(0));
        Assert.Null(resumable.PositionAfter(513));
        Assert.Equal("ct1:512:" + PathOf("a.json.gz"), resumable.PositionAfter(512));
    }

    [Fact]
    public void A_reader_that_never_asks_keeps_only_the_latest_file_starts()
    {
        for (var i = 0; i < 1500; i++)
        {
            Write($"many/{i:D4}.json", Log(Rec("m" + i)));
        }
        var (instance, _) = Instance();
        using var __ = instance;
        using var session = instance.Open(PathOf("many"));
        Assert.Equal(1500, TestSupport.ReadAll(session).Count);
        var resumable = (IResumableSession)session;
        Assert.Null(resumable.PositionAfter(1));
        Assert.Equal("ct1:1:" + PathOf("many/1499.json"), resumable.PositionAfter(1500));
    }
}
