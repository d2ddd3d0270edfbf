using System.Text.RegularExpressions;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// <c>engine_actors.state_dir</c> through the CLI as a process: a run killed with SIGKILL and started again writes
/// every alert to the file output exactly once, with no line cut in half; a state folder that cannot be used, or
/// a saved state that cannot be read, stops start-up (a dry run too) with the path in the message.
/// </summary>
public sealed partial class StateDirProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Config(long dwellMicroseconds)
    {
        var path = CounterSetup.Write(_folder, count: 4000, dwellMicroseconds: dwellMicroseconds, extra: $$"""
        stdout_output:
          enabled: false
        file_output:
          enabled: true
          keep_alive: true
          filename: {{_folder.File("alerts.txt")}}
        engine_actors:
          state_dir: {{_folder.File("state")}}
          batch_size: 20
        """);
        // This run writes to the file output only.
        File.WriteAllText(path, File.ReadAllText(path).Replace("stdout_output:\n  enabled: true\n", ""));
        return path;
    }

    [Fact]
    public async Task A_run_killed_and_started_again_writes_every_alert_once_and_no_half_line()
    {
        // Slow enough (each extraction waits) to be killed in the middle.
        using (var first = FalcoActorsProcess.Start("first", _folder.Path, new Dictionary<string, string?>(), "-c", Config(dwellMicroseconds: 400)))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (LineCount() < 300 && !first.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }
            Assert.False(first.HasExited, first.Describe());
            first.Kill();
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(30)), first.Describe());
        }
        Assert.True(File.Exists(_folder.File("state/positions.json")), "no position was saved before the kill");
        var killedAt = LineCount();
        Assert.InRange(killedAt, 300, 2002);

        using var second = FalcoActorsProcess.Start("second", _folder.Path, new Dictionary<string, string?>(), "-c", Config(dwellMicroseconds: 0));
        Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(120)), second.Describe());
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("source counter: resuming after event", second.Stderr(), StringComparison.Ordinal);

        var text = File.ReadAllText(_folder.File("alerts.txt"));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var numbers = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var match = AlertLine().Match(line);
            Assert.True(match.Success, $"not a whole alert line: '{line}'");
            return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }).ToList();
        // 2,000 even numbers (rule_matching first), then 41, 43 and 45: each once, in order.
        var expected = Enumerable.Range(1, 4000).Where(n => n % 2 == 0 || n is 41 or 43 or 45).Select(n => (long)n).ToList();
        Assert.Equal(expected, numbers);
    }

    [Fact]
    public void A_state_folder_that_is_a_file_stops_start_up_and_a_dry_run()
    {
        var config = Config(dwellMicroseconds: 0);
        File.WriteAllText(_folder.File("state"), "not a folder");
        foreach (var args in new[] { new[] { "-c", config }, ["-c", config, "--dry-run"] })
        {
            var (exit, stdout, stderr) = Cli.Run(args);
            Assert.Equal(1, exit);
            Assert.Equal("", stdout);
            Assert.Contains($"engine_actors.state_dir: cannot keep the positions in '{_folder.File("state")}'", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_saved_state_that_cannot_be_read_stops_start_up_with_its_path()
    {
        var config = Config(dwellMicroseconds: 0);
        Directory.CreateDirectory(_folder.File("state"));
        File.WriteAllText(_folder.File("state/positions.json"), "{\"version\": 1, \"sources\": {\"counter\": {\"identity\": \"x\"}}}");
        var (exit, _, stderr) = Cli.Run("-c", config);
        Assert.Equal(1, exit);
        Assert.Contains($"{_folder.File("state/positions.json")}: cannot read the saved positions ('epoch' is missing)", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("alerts.txt")));
    }

    [Fact]
    public void A_second_run_of_the_same_stream_writes_nothing_again_and_other_open_params_read_from_the_start()
    {
        var config = Config(dwellMicroseconds: 0);
        Assert.Equal(0, Cli.Run("-c", config).Exit);
        Assert.Equal(2003, LineCount());
        var again = Cli.Run("-c", config);
        Assert.Equal(0, again.Exit);
        Assert.Equal(2003, LineCount());
        Assert.Contains("Events processed: 0,", again.Err, StringComparison.Ordinal);

        File.WriteAllText(config, File.ReadAllText(config).Replace("open_params: all", "open_params: other"));
        var other = Cli.Run("-c", config);
        Assert.Equal(0, other.Exit);
        Assert.Equal(4006, LineCount());
    }

    [Fact]
    public async Task A_clustered_node_refuses_a_state_folder()
    {
        using var node = FalcoActorsProcess.Start("clustered", _folder.Path,
            new Dictionary<string, string?> { ["FALCO_ACTORS_CLUSTER"] = "true", ["FALCO_ACTORS_PORT"] = "0", ["FALCO_ACTORS_INSECURE"] = "true" }, "-c", Config(dwellMicroseconds: 0));
        Assert.True(await node.WaitForExitAsync(TimeSpan.FromSeconds(60)), node.Describe());
        Assert.Equal(1, node.ExitCode);
        Assert.Contains("engine_actors.state_dir: a cluster keeps the written positions in its replicated data", node.Stderr(), StringComparison.Ordinal);
    }

    private int LineCount() => File.Exists(_folder.File("alerts.txt"))
        ? File.ReadAllText(_folder.File("alerts.txt")).Count(c => c == '\n')
        : 0;

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{9}: (?:Warning even|Notice big) n=(\d+)(?: text=event-\d+)?$")]
    private static partial Regex AlertLine();
}
