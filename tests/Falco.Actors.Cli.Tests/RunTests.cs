using System.Diagnostics;

namespace Falco.Actors.Cli.Tests;

public sealed class RunTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void A_finite_source_runs_through_the_rules_prints_alerts_and_exits_0()
    {
        var (exit, stdout, stderr) = Cli.Run("-c", CounterSetup.Write(_folder, count: 50));
        Assert.Equal(0, exit);
        var alerts = Lines(stdout);
        Assert.Equal(28, alerts.Length); // 25 even, then 41, 43, 45 (rule_matching: first)
        Assert.Equal(25, alerts.Count(a => a.Contains(": Warning even n=")));
        Assert.Contains(alerts, a => a.EndsWith(": Notice big n=43 text=event-43"));
        Assert.Contains("Loaded event sources: counter", stderr);
        Assert.Contains("Events processed: 50 (counter: 50), alerts: 28", stderr);
    }

    [Fact]
    public void Options_override_the_configuration_and_r_replaces_its_rules()
    {
        var config = CounterSetup.Write(_folder, count: 10);
        var json = Cli.Run("-c", config, "-o", "json_output=true", "-o", "rule_matching=all");
        Assert.Equal(0, json.Exit);
        var alerts = Lines(json.Out);
        Assert.Equal(5, alerts.Length);
        Assert.All(alerts, a => Assert.StartsWith("{", a));
        Assert.Contains("\"rule\":\"Even counter\"", alerts[0]);

        var other = _folder.Write("other.yaml", """
            - rule: Ten
              desc: the tenth
              condition: counter.n = 10
              output: ten %counter.n
              priority: ERROR
              source: counter
            """);
        var replaced = Cli.Run("-c", config, "-r", other);
        Assert.Equal(0, replaced.Exit);
        Assert.EndsWith(": Error ten 10", Assert.Single(Lines(replaced.Out)));
    }

    [Fact]
    public void Recording_a_run_and_replaying_the_capture_gives_the_same_alerts()
    {
        var config = CounterSetup.Write(_folder, count: 200);
        var capture = _folder.File("run.scap");
        var recorded = Cli.Run("-c", config, "-w", capture);
        Assert.Equal(0, recorded.Exit);
        Assert.Contains($"Capture written: {capture} (200 events)", recorded.Err);

        // The replay opens no session of the plugin: a config whose plugin would produce nothing still replays 200.
        using var other = new TempFolder();
        var silent = CounterSetup.Write(other, count: 0);
        var replayed = Cli.Run("-c", silent, "-e", capture);
        Assert.Equal(0, replayed.Exit);
        Assert.Contains("Events processed: 200 (counter: 200)", replayed.Err);
        Assert.Equal(Lines(recorded.Out).Order(), Lines(replayed.Out).Order());
        Assert.Equal(103, Lines(replayed.Out).Length);
    }

    [Fact]
    public void M_stops_an_endless_source_gracefully_after_the_given_seconds()
    {
        var config = CounterSetup.Write(_folder, count: 100_000_000, dwellMicroseconds: 2000);
        var clock = Stopwatch.StartNew();
        var (exit, stdout, stderr) = Cli.Run("-c", config, "-M", "2");
        Assert.Equal(0, exit);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.9, 30);
        Assert.NotEmpty(Lines(stdout));
        Assert.Matches(@"Events processed: [1-9]\d* \(counter: [1-9]\d*\)", stderr);
    }

    [Fact]
    public void Dry_run_loads_and_checks_everything_and_runs_nothing()
    {
        var (exit, stdout, stderr) = Cli.Run("-c", CounterSetup.Write(_folder), "--dry-run");
        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        Assert.Contains("Dry run: configuration, 1 plugin(s) and 3 rule(s) loaded, 2 enabled; nothing was run", stderr);
        Assert.DoesNotContain("Events processed", stderr);
    }
}
