using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// Falco 0.44's operator keys on a real <c>falco-actors</c> process: <c>log_level</c>, <c>log_stderr</c> and
/// <c>time_format_iso_8601</c> on the engine's own log lines, the <c>metrics</c> snapshot (file and alert), and the
/// webserver's <c>/versions</c> and <c>/metrics</c> gate.
/// </summary>
public sealed partial class OperatorKeysProcessTests : IDisposable
{
    private static readonly TimeSpan Exit = TimeSpan.FromMinutes(2);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>50 counter events, 25 alerts, a file output on /dev/full: the outputs log errors and a warning.</summary>
    private async Task<FalcoActorsProcess> RunFailingOutputAsync(params string[] options)
    {
        var config = CounterSetup.Write(_folder, extra: "file_output:\n  enabled: true\n  filename: /dev/full\n");
        var process = FalcoActorsProcess.Start("failing output", _folder.Path, new Dictionary<string, string?>(), ["-c", config, .. options]);
        Assert.True(await process.WaitForExitAsync(Exit), process.Describe());
        return process;
    }

    [Theory]
    [InlineData("warning", true)]
    [InlineData("error", false)]
    public async Task Log_level_drops_the_engines_lines_below_it_and_they_read_as_falcos(string level, bool warningShown)
    {
        using var process = await RunFailingOutputAsync("-o", $"log_level={level}");
        var lines = process.Stderr().Split('\n');

        var given = Assert.Single(lines, l => l.Contains("file output: ") && l.Contains(" given up: "));
        Assert.Matches(AsctimeLine(), given);
        Assert.Equal(warningShown, lines.Any(l => AsctimeLine().IsMatch(l) && l.Contains("attempt(s) failed and were retried")));
        Assert.DoesNotContain(lines, l => l.StartsWith('[')); // no Akka-formatted line ([ERROR][date][Thread]…)
        Assert.Contains("Error: file output lost ", process.Stderr());
    }

    [Fact]
    public async Task Log_stderr_false_keeps_the_engines_lines_off_stderr_but_the_errors_of_the_run_stay()
    {
        using var process = await RunFailingOutputAsync("-o", "log_stderr=false", "-o", "log_syslog=false");
        var stderr = process.Stderr();

        Assert.DoesNotContain("given up: ", stderr);
        Assert.DoesNotMatch(AsctimeLine(), stderr);
        Assert.Contains("Error: file output lost ", stderr);
        Assert.Equal(1, process.ExitCode);
    }

    [Fact]
    public async Task Time_format_iso_8601_gives_the_log_lines_falcos_iso_time()
    {
        using var process = await RunFailingOutputAsync("-o", "time_format_iso_8601=true");

        Assert.Matches(@"(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000: file output: \d+ alert\(s\) given up: ", process.Stderr());
    }

    [Fact]
    public void A_start_up_error_is_shown_with_log_stderr_false()
    {
        var config = CounterSetup.Write(_folder, extra: "log_stderr: false\nfile_output:\n  enabled: true\n  filename: /nonexistent/dir/events.txt\n");

        var (exit, _, stderr) = Cli.Run("-c", config);

        Assert.Equal(1, exit);
        Assert.StartsWith("Error: ", stderr.Split('\n').Last(l => l.Length > 0));
    }

    [Fact]
    public async Task Metrics_output_file_gets_one_json_snapshot_per_interval_and_output_rule_sends_the_alert_through_the_outputs()
    {
        var snapshots = _folder.File("metrics.jsonl");
        var config = CounterSetup.Write(_folder, count: 1_000_000_000, dwellMicroseconds: 2_000, extra: $$"""
            json_output: true
            metrics:
              enabled: true
              interval: 300ms
              output_rule: true
              output_file: {{snapshots}}
            """);

        using var process = FalcoActorsProcess.Start("metrics", _folder.Path, new Dictionary<string, string?>(), "-c", config, "-M", "2");
        Assert.True(await process.WaitForExitAsync(Exit), process.Describe());

        var lines = File.ReadAllLines(snapshots);
        Assert.InRange(lines.Length, 3, 20); // a run of 2 s (and its start and stop) at 300 ms, one source
        long previous = -1;
        foreach (var (line, n) in lines.Select((l, i) => (l, i + 1)))
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(n, json.RootElement.GetProperty("sample").GetInt64());
            var fields = json.RootElement.GetProperty("output_fields");
            Assert.Equal("counter", fields.GetProperty("evt.source").GetString());
            Assert.Equal("source_plugin", fields.GetProperty("scap.engine_name").GetString());
            Assert.Equal(VersionOfTheCli(), fields.GetProperty("falco.version").GetString());
            var events = fields.GetProperty("falco.num_evts").GetInt64();
            Assert.True(events >= previous);
            Assert.Equal(Math.Max(previous, 0), fields.GetProperty("falco.num_evts_prev").GetInt64());
            previous = events;
            Assert.True(fields.TryGetProperty("falco.memory_rss_mb", out _));
            Assert.True(fields.GetProperty("falco.rules.matches_total").GetInt64() >= 0);
        }
        var alerts = process.StdoutLines().Select(l => JsonDocument.Parse(l).RootElement).Where(a => a.GetProperty("source").GetString() == "internal").ToList();
        Assert.InRange(alerts.Count, 3, lines.Length); // a last tick while the run stops may reach the file only
        Assert.All(alerts, a =>
        {
            Assert.Equal("Falco internal: metrics snapshot", a.GetProperty("rule").GetString());
            Assert.Equal("Informational", a.GetProperty("priority").GetString());
            Assert.Equal("Falco metrics snapshot", a.GetProperty("output").GetString());
            Assert.True(a.GetProperty("output_fields").GetProperty("falco.num_evts").GetInt64() > 0);
        });
    }

    [Fact]
    public async Task Versions_is_served_and_metrics_only_with_prometheus_metrics_enabled_its_version_label_being_the_clis()
    {
        var port = FalcoActorsProcess.FreePort();
        var config = CounterSetup.Write(_folder, count: 1_000_000_000, dwellMicroseconds: 2_000);
        string[] web = ["-o", "webserver.enabled=true", "-o", "webserver.listen_address=127.0.0.1", "-o", $"webserver.listen_port={port}",
            "-o", "metrics.enabled=true", "-o", "metrics.output_rule=false"];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        using (var off = FalcoActorsProcess.Start("prometheus off", _folder.Path, new Dictionary<string, string?>(), ["-c", config, .. web]))
        {
            Assert.True(await off.WaitListeningAsync(port, Exit), off.Describe());
            using var metrics = await http.GetAsync($"http://127.0.0.1:{port}/metrics");
            using var versions = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/versions"));
            Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
            Assert.Equal(VersionOfTheCli(), versions.RootElement.GetProperty("falco_version").GetString());
            Assert.Equal("0.63.0", versions.RootElement.GetProperty("engine_version_semver").GetString());
            Assert.False(string.IsNullOrEmpty(versions.RootElement.GetProperty("plugin_versions").GetProperty("counter").GetString()));
            await off.StopAsync(Exit);
        }
        using var on = FalcoActorsProcess.Start("prometheus on", _folder.Path, new Dictionary<string, string?>(),
            ["-c", config, .. web, "-o", "webserver.prometheus_metrics_enabled=true"]);
        Assert.True(await on.WaitListeningAsync(port, Exit), on.Describe());
        var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        await on.StopAsync(Exit);

        Assert.Contains($"falcosecurity_falco_version_info{{version=\"{VersionOfTheCli()}\"}} 1", text);
    }

    /// <summary>What <c>--version</c> prints as Falco.Actors' version.</summary>
    private static string VersionOfTheCli()
    {
        var (_, stdout, _) = Cli.Run("--version");
        return Regex.Match(stdout, @"Falco\.Actors version: (\S+)").Groups[1].Value;
    }

    /// <summary>A log line as Falco's logger writes it: asctime's local time, then the message.</summary>
    [GeneratedRegex(@"^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}: ", RegexOptions.Multiline)]
    private static partial Regex AsctimeLine();
}
