using Falco.Actors.Cli.Running;

namespace Falco.Actors.Cli.Tests;

public sealed class ProgressAndSampleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (int Exit, string Out, string Err) RunInteractive(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr, interactive: true);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_progress_line_shows_events_rate_progress_and_alerts()
    {
        Assert.Equal("1,500 events, 750 events/s, 42.5%, 3 alerts", ProgressLine.Format(1500, 2, 42.5, 3));
        Assert.Equal("10 events, 0 events/s, 0 alerts", ProgressLine.Format(10, 0, double.NaN, 0));
    }

    [Fact]
    public void On_a_terminal_a_run_draws_the_progress_line_on_stderr_and_clears_it()
    {
        var config = CounterSetup.Write(_folder, count: 1000, dwellMicroseconds: 15000); // about 1.5 s
        var (exit, stdout, stderr) = RunInteractive("-c", config);
        Assert.Equal(0, exit);
        Assert.Matches(@"\r[\d,]+ events, [\d,]+ events/s, \d+\.\d%, [\d,]+ alerts", stderr);
        Assert.DoesNotContain("events/s", stdout);
        Assert.Contains("Events processed: 1000", stderr);
    }

    [Fact]
    public void Unbuffered_runs_print_no_progress_line()
    {
        var config = CounterSetup.Write(_folder, count: 1000, dwellMicroseconds: 15000);
        var (exit, _, stderr) = RunInteractive("-c", config, "-U");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("events/s", stderr);
        Assert.DoesNotContain("\r", stderr);
    }

    [Fact]
    public void The_bundled_sample_round_trips_through_a_capture_with_the_same_alerts()
    {
        var config = Cli.RepositoryFile("falco.yaml");
        var samples = Cli.RepositoryFile("samples/cloudtrail");
        var capture = _folder.File("cloudtrail.scap.gz");
        var live = Cli.Run("-c", config, "-o", $"plugins[0].open_params={samples}", "-w", capture);
        Assert.Equal(0, live.Exit);
        Assert.Contains("Events processed: 8000 (aws_cloudtrail: 8000)", live.Err);
        Assert.Contains($"Capture written: {capture} (8000 events)", live.Err);

        var replay = Cli.Run("-c", config, "-e", capture);
        Assert.Equal(0, replay.Exit);
        Assert.Contains("Events processed: 8000 (aws_cloudtrail: 8000)", replay.Err);
        var liveAlerts = live.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(liveAlerts.Length > 50);
        AssertDetectionCounts(live.Err, liveAlerts.Length);
        Assert.Equal(liveAlerts.Order(), replay.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    /// <summary>
    /// Falco's end-of-run block, after our summary: "Events detected: N", then the counts by severity and by rule,
    /// each adding up to N (the alerts written).
    /// </summary>
    private static void AssertDetectionCounts(string stderr, int alerts)
    {
        var lines = stderr.Split('\n');
        var start = Array.IndexOf(lines, $"Events detected: {alerts}");
        Assert.True(start > 0, stderr);
        Assert.Equal("Rule counts by severity:", lines[start + 1]);
        var bySeverity = lines.Skip(start + 2).TakeWhile(l => l.StartsWith("   ", StringComparison.Ordinal)).ToList();
        Assert.All(bySeverity, l => Assert.Matches(@"^   (EMERGENCY|ALERT|CRITICAL|ERROR|WARNING|NOTICE|INFO|DEBUG): \d+$", l));
        Assert.Equal(alerts, bySeverity.Sum(l => int.Parse(l[(l.LastIndexOf(' ') + 1)..])));
        Assert.Equal("Triggered rules by rule name:", lines[start + 2 + bySeverity.Count]);
        var byRule = lines.Skip(start + 3 + bySeverity.Count).TakeWhile(l => l.StartsWith("   ", StringComparison.Ordinal)).ToList();
        Assert.Contains("   Console Login Without MFA: 8", byRule);
        Assert.Equal(alerts, byRule.Sum(l => int.Parse(l[(l.LastIndexOf(' ') + 1)..])));
    }
}
