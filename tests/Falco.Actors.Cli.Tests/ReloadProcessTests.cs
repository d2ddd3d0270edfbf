using System.Text.RegularExpressions;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// Falco's signals on the real process, over an endless stream of the slowed native counter plugin whose rule alerts
/// every event: SIGHUP reloads the rules (a broken file keeps the rules in force), <c>watch_config_files</c> reloads
/// when a rules file changes (and only SIGHUP does with it false), SIGUSR1 reopens the file output after a rotation.
/// Every run ends by SIGTERM with exit 0, and every event number up to the last comes out exactly once.
/// </summary>
public sealed partial class ReloadProcessTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A rule named <paramref name="name"/> alerting every event as "&lt;name&gt; n=&lt;number&gt;".</summary>
    private static string Rule(string name) => $"""
        - rule: Rule {name}
          desc: every event
          condition: counter.n > 0
          output: "{name} n=%counter.n"
          priority: WARNING
          source: counter
        """;

    private FalcoActorsProcess Start(string extra)
    {
        _folder.Write("rules.yaml", Rule("A"));
        var config = _folder.Write("falco.yaml", $$"""
            plugins:
              - name: counter
                library_path: {{Cli.NativePlugin("libcounter.so")}}
                init_config: {count: 100000000, batch: 10, dwell_us: 2000}
            rules_files: [rules.yaml]
            syslog_output:
              enabled: false
            webserver:
              enabled: false
            {{extra}}
            """);
        return FalcoActorsProcess.Start("falco-actors", _folder.Path, new Dictionary<string, string?>(), "-c", config, "-U");
    }

    private static async Task UntilAsync(FalcoActorsProcess process, Func<bool> condition, string what)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(50))
        {
            Assert.True(waited < Wait && !process.HasExited, $"{what} did not happen within {Wait.TotalSeconds} s\n{process.Describe()}");
            await Task.Delay(50);
        }
    }

    private static async Task StopAsync(FalcoActorsProcess process)
    {
        Assert.False(process.HasExited, process.Describe());
        Assert.True(await process.StopAsync(Wait), process.Describe());
        Assert.True(process.ExitCode == 0, process.Describe());
    }

    /// <summary>Every event number from 1 to the last, exactly once; the rule names in the order of the events.</summary>
    private static List<string> ExactlyOnce(IEnumerable<string> lines)
    {
        var alerts = lines.Select(l => AlertPattern().Match(l)).Where(m => m.Success)
            .Select(m => (Rule: m.Groups[1].Value, N: long.Parse(m.Groups[2].Value))).OrderBy(a => a.N).ToList();
        Assert.NotEmpty(alerts);
        Assert.Equal(Enumerable.Range(1, alerts.Count).Select(i => (long)i), alerts.Select(a => a.N));
        return [.. alerts.Select(a => a.Rule)];
    }

    [GeneratedRegex(@"Warning (\w+) n=(\d+)$")]
    private static partial Regex AlertPattern();

    private static int Count(FalcoActorsProcess process, string rule) => process.StdoutLines().Count(l => l.Contains($" {rule} n="));

    [Fact]
    public async Task SIGHUP_reloads_the_rules_while_the_stream_runs_on()
    {
        using var process = Start("watch_config_files: false");
        await UntilAsync(process, () => Count(process, "A") > 0, "a first alert of rule A");

        _folder.Write("rules.yaml", Rule("B"));
        process.Signal(1);
        await UntilAsync(process, () => Count(process, "B") > 100, "alerts of rule B");
        await StopAsync(process);

        var stderr = process.Stderr();
        Assert.Contains("SIGHUP received, reloading the configuration and rules...", stderr);
        Assert.Contains("Rules reloaded: 1 rule(s) in force (reload 1, rules generation 2)", stderr);
        // Partitions evaluate in parallel, so near the switch the two names may interleave; the last events are B's.
        var rules = ExactlyOnce(process.StdoutLines());
        Assert.Equal("A", rules[0]);
        Assert.All(rules[^100..], r => Assert.Equal("B", r));
    }

    [Fact]
    public async Task SIGHUP_with_a_broken_rules_file_logs_where_and_keeps_the_rules_in_force()
    {
        using var process = Start("watch_config_files: false");
        await UntilAsync(process, () => Count(process, "A") > 0, "a first alert of rule A");

        _folder.Write("rules.yaml", "- rule: Broken\n  desc: broken\n  condition: counter.nope = 1\n  output: x\n  priority: WARNING\n  source: counter\n");
        process.Signal(1);
        Assert.True(await process.WaitForStderrAsync("Error: rules reload failed", Wait), process.Describe());
        var before = Count(process, "A");
        await UntilAsync(process, () => Count(process, "A") > before + 100, "more alerts of rule A");
        await StopAsync(process);

        Assert.Contains($"{_folder.File("rules.yaml")}:3:", process.Stderr());
        Assert.All(ExactlyOnce(process.StdoutLines()), r => Assert.Equal("A", r));
    }

    [Fact]
    public async Task With_watch_config_files_editing_the_rules_file_reloads_them()
    {
        using var process = Start("");
        await UntilAsync(process, () => Count(process, "A") > 0, "a first alert of rule A");

        _folder.Write("rules.yaml", Rule("B"));
        await UntilAsync(process, () => Count(process, "B") > 100, "alerts of rule B");
        await StopAsync(process);

        Assert.Contains("A configuration or rules file changed, reloading the configuration and rules...", process.Stderr());
        ExactlyOnce(process.StdoutLines());
    }

    [Fact]
    public async Task With_watch_config_files_false_editing_the_rules_file_changes_nothing()
    {
        using var process = Start("watch_config_files: false");
        await UntilAsync(process, () => Count(process, "A") > 0, "a first alert of rule A");

        _folder.Write("rules.yaml", Rule("B"));
        // Several times the watcher's settling time: a reload would have come and gone.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await StopAsync(process);

        Assert.DoesNotContain("reloading", process.Stderr());
        Assert.All(ExactlyOnce(process.StdoutLines()), r => Assert.Equal("A", r));
    }

    [Fact]
    public async Task SIGUSR1_reopens_the_file_output_after_logrotate_renamed_it()
    {
        var events = _folder.File("events.txt");
        using var process = Start($"""
            stdout_output:
              enabled: false
            file_output:
              enabled: true
              keep_alive: true
              filename: {events}
            """);
        await UntilAsync(process, () => File.Exists(events) && File.ReadAllLines(events).Length > 0, "a first alert in the file");

        File.Move(events, events + ".1");
        process.Signal(10);
        await UntilAsync(process, () => File.Exists(events) && File.ReadAllLines(events).Length > 100, "alerts in a new file");
        await StopAsync(process);

        Assert.Contains("SIGUSR1 received, reopening outputs...", process.Stderr());
        var rotated = File.ReadAllLines(events + ".1");
        Assert.NotEmpty(rotated);
        ExactlyOnce(rotated.Concat(File.ReadAllLines(events)));
    }
}
