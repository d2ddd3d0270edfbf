using System.Runtime.InteropServices;
using System.Text;
using Falco.Actors.Plugins.CloudTrail.Config;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.CloudTrail.Sources;
using Falco.Actors.Tests.Shared;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

/// <summary>
/// A local directory with real faults in it (symbolic link loops, dangling links, a FIFO, an unreadable file, a
/// directory with a log file's name): every readable log file is read once, in Go's order, and every entry passed
/// over is reported once with its file, reason and kind.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class LocalWalkFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ct-walk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Rec(string id) => $"{{\"eventID\":\"{id}\",\"eventTime\":\"2024-08-02T08:53:24Z\",\"eventType\":\"AwsApiCall\"}}";

    private string Log(string relative, params string[] ids)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"{{\"Records\":[{string.Join(",", ids.Select(Rec))}]}}");
        return path;
    }

    private string Link(string relative, string target)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    private static (List<string> Ids, List<RecordProblem> Problems, CloudTrailEventReader Reader) ReadAll(string path)
    {
        // On a separate task, so that a walk that opened a FIFO fails the test instead of hanging the run.
        var read = Task.Run(() =>
        {
            List<RecordProblem> problems = [];
            var reader = new CloudTrailEventReader(CloudTrailOpenParams.Open(path, new CloudTrailConfig()), problems.Add);
            List<string> ids = [];
            while (reader.Next(out var r) == ReadStatus.Record)
            {
                ids.Add(TestSupport.Ct1("ct.id", Encoding.UTF8.GetString(r.Payload.Span)) ?? "");
            }
            return (ids, problems, reader);
        });
        Assert.True(read.Wait(TimeSpan.FromMinutes(2)), "reading the directory never ended (a FIFO opened?)");
        return read.Result;
    }

    [Fact]
    public void Directory_links_that_loop_are_walked_once_and_every_file_is_read_once()
    {
        Log("a.json", "a");
        Log("x/y/b.json", "b");
        Log("z.json", "z");
        var up = Link("x/y/up", "..");
        var self = Link("self", ".");
        Link("x/deep/loop1", "../..");
        Link("x/deep/loop2", "../../x");

        var (ids, problems, reader) = ReadAll(_dir);
        using var _ = reader;

        Assert.Equal(["a", "b", "z"], ids);
        Assert.All(problems, p => Assert.Equal(ProblemKind.FileAlreadyListed, p.Kind));
        Assert.Equal([Path.Combine(_dir, "self"), Path.Combine(_dir, "x/deep/loop1"), Path.Combine(_dir, "x/deep/loop2"), up],
            problems.Select(p => p.File).Order(StringComparer.Ordinal));
        Assert.Contains(problems, p => p.File == self && p.Message.Contains($"'{_dir}'", StringComparison.Ordinal));
        Assert.Equal(4, reader.Skipped(ProblemKind.FileAlreadyListed));
        Assert.Equal(0, reader.MalformedCount);
    }

    [Fact]
    public void Entries_that_are_no_readable_log_file_are_reported_at_their_place_and_the_rest_is_read()
    {
        Log("1.json", "1");
        var dangling = Link("2-dangling.json", Path.Combine(_dir, "missing.json"));
        var loopA = Link("3-loop-a.json", "3-loop-b.json");
        var loopB = Link("3-loop-b.json", "3-loop-a.json");
        var fifo = Path.Combine(_dir, "4-fifo.json");
        Assert.Equal(0, FileTree.MakeFifo(fifo));
        Log("5.json.gz/inside.json", "5");    // a directory with a log file's name is walked, as Go does
        var duplicate = Link("6-same.json", "1.json");
        Log("7.json", "7");
        Link("8-dangling.txt", "nowhere");     // not a log file name: ignored, as Go does

        var (ids, problems, reader) = ReadAll(_dir);
        using var _ = reader;

        Assert.Equal(["1", "5", "7"], ids);
        Assert.Equal(
            [(dangling, ProblemKind.FileDanglingLink), (loopA, ProblemKind.FileLinkLoop), (loopB, ProblemKind.FileLinkLoop),
             (fifo, ProblemKind.FileNotRegular), (duplicate, ProblemKind.FileAlreadyListed)],
            problems.Select(p => (p.File, p.Kind)));
        Assert.Contains("missing.json", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("FIFO", problems[3].Message, StringComparison.Ordinal);
        Assert.All(problems, p => Assert.Equal(RecordProblem.NoPosition, p.Position));
        Assert.Equal(1, reader.Skipped(ProblemKind.FileDanglingLink));
        Assert.Equal(2, reader.Skipped(ProblemKind.FileLinkLoop));
        Assert.Equal(1, reader.Skipped(ProblemKind.FileNotRegular));
        Assert.Equal("100.00% - 8/8 files", reader.ProgressText);
    }

    [Fact]
    public void A_file_that_cannot_be_opened_is_reported_and_the_next_is_read()
    {
        Log("a.json", "a");
        var locked = Log("b.json", "b");
        Log("c.json", "c");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        if (GetEffectiveUserId() == 0)
        {
            // root reads anything: only that the file is read and nothing reported can be checked.
            Assert.Equal(["a", "b", "c"], ReadAll(_dir).Ids);
            return;
        }

        var (ids, problems, reader) = ReadAll(_dir);
        using var _ = reader;
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal(["a", "c"], ids);
        var problem = Assert.Single(problems);
        Assert.Equal((locked, ProblemKind.FileUnreadable), (problem.File, problem.Kind));
        Assert.Contains("cannot open the file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resume_finds_its_file_among_skipped_entries()
    {
        Log("a.json", "a1", "a2");
        Link("b.json", "nowhere.json");
        var c = Log("c.json", "c1", "c2");

        using var source = LocalLogFileSource.Open(_dir);
        Assert.True(source.SkipTo(c));
        Assert.Equal(FetchStatus.File, source.Next(out var file));
        using (file)
        {
            Assert.Equal(c, file!.Name);
        }
        Assert.Equal(FetchStatus.End, source.Next(out _));
    }

    [Fact]
    public void A_skipped_entry_cannot_be_resumed_in()
    {
        Log("a.json", "a");
        var dangling = Link("b.json", "nowhere.json");

        using var source = LocalLogFileSource.Open(_dir);

        Assert.False(source.SkipTo(dangling));
        Assert.Equal([Path.Combine(_dir, "a.json")], source.Files);
    }

    [Fact]
    public void The_plugin_state_counts_what_its_sessions_skipped_as_its_metrics()
    {
        Log("a.json", "a");
        Link("b.json", "nowhere.json");
        File.WriteAllText(Path.Combine(_dir, "c.json"), $"{{\"Records\":[{Rec("c1")},{{\"eventTime\": tru}},{Rec("c2")}]}}");
        using var instance = new Managed.ManagedPlugin(new CloudTrailPlugin()).CreateInstance("{}");
        ((CloudTrailPluginState)instance.Extractor!).ProblemSink = _ => { };

        for (var session = 0; session < 2; session++)
        {
            using var stream = instance.Open(_dir);
            Assert.Equal(3, TestSupport.ReadAll(stream).Count);
        }

        var metrics = instance.GetMetrics().ToDictionary(m => m.Name, m => m.Value);
        Assert.All(instance.GetMetrics(), m => Assert.Equal(Abstractions.PluginMetricType.Monotonic, m.Type));
        Assert.Equal(2, metrics["files_skipped_dangling_link"]);
        Assert.Equal(2, metrics["records_skipped_malformed"]);
        Assert.Equal(0, metrics["records_skipped_too_big"]);
        Assert.Equal(ProblemKinds.Counted.Select(ProblemKinds.MetricName).Order(), metrics.Keys.Order());
    }


    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
