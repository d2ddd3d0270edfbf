using System.Diagnostics;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// A native plugin that hangs (<c>libfaulty.so</c>) in the real process: the watchdog reports the call, a stop gives
/// the stuck source up after <c>shutdown_grace_s</c> with the events it returned before the hang evaluated, and a
/// second signal ends the process at once.
/// </summary>
public sealed class PluginHangProcessTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(2);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SIGTERM_while_next_batch_hangs_exits_after_the_grace_with_the_alerts_of_the_events_returned_before_it()
    {
        // Ten events per next_batch: the call reaching event 55 never returns, after events 1..50. A batch waits up to
        // a minute, so the stop is what hands them over.
        using var run = Start(Faulty("\"fault\": \"hang\", \"fault_at\": 55"), graceS: 2, batchTimeMs: 60_000);
        Assert.True(await run.WaitForStderrAsync("has been in next_batch for", Long), run.Describe());

        var clock = Stopwatch.StartNew();
        run.Terminate();
        Assert.True(await run.WaitForExitAsync(Long), run.Describe());

        // The grace period (2 s), then at most 2 s for the actor system: well under a minute even on a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"exited {clock.Elapsed.TotalSeconds:0.0} s after SIGTERM");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal([.. Enumerable.Range(1, 50).Select(n => $"n={n}")], run.StdoutLines().Select(Alert));
        var stderr = run.Stderr();
        Assert.Matches(@"Error: source 'faulty' was given up after 0 restart\(s\): plugin 'faulty' \(the session of source 'faulty'\) has been in next_batch for \d+(\.\d)? s; given up after the shutdown grace period", stderr);
        Assert.Contains("Events processed: 50 (faulty: 50), alerts: 50", stderr);
    }

    [Fact]
    public async Task A_second_SIGTERM_ends_the_process_at_once_while_a_plugin_hangs()
    {
        using var run = Start(Faulty("\"fault\": \"hang\", \"fault_at\": 55"), graceS: 3600, batchTimeMs: 100);
        Assert.True(await run.WaitForStderrAsync("has been in next_batch for", Long), run.Describe());
        run.Terminate();
        await Task.Delay(500);
        Assert.False(run.HasExited, run.Describe()); // the first one waits for the stuck source (an hour here)

        run.Terminate();
        Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(30)), run.Describe());
        Assert.Equal(128 + 15, run.ExitCode); // ended by the signal itself
    }

    [Fact]
    public async Task A_slow_call_is_reported_when_it_crosses_the_limit_and_when_it_returns_and_the_run_completes()
    {
        using var run = Start(Faulty("\"fault\": \"hang\", \"fault_at\": 55, \"hang_ms\": 3000"), graceS: 2, batchTimeMs: 100);
        Assert.True(await run.WaitForExitAsync(Long), run.Describe());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([.. Enumerable.Range(1, 100).Select(n => $"n={n}")], run.StdoutLines().Select(Alert));
        var stderr = run.Stderr();
        Assert.Matches(@"(?m)^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}: plugin watchdog: plugin 'faulty' \(the session of source 'faulty'\) has been in next_batch for \d\.\d s \(plugin_call_timeout_s is 1\.0 s\)", stderr);
        Assert.Matches(@": plugin watchdog: plugin 'faulty' \(the session of source 'faulty'\) returned from next_batch after \d\.\d s", stderr);
    }

    private static string Alert(string line) => line[(line.LastIndexOf(' ') + 1)..];

    private static string Faulty(string fault) => $"{{\"count\": 100, \"batch\": 10, {fault}}}";

    private FalcoActorsProcess Start(string initConfig, int graceS, int batchTimeMs)
    {
        var rules = _folder.Write("faulty_rules.yaml", """
            - rule: every faulty event
              desc: one alert per event
              condition: faulty.n > 0
              output: "n=%faulty.n"
              priority: WARNING
              source: faulty
            """);
        var config = _folder.Write("falco.yaml", $$"""
            plugins:
              - name: faulty
                library_path: {{Cli.NativePlugin("libfaulty.so")}}
                init_config: '{{initConfig}}'
            load_plugins: [faulty]
            rules_files: [{{rules}}]
            stdout_output: {enabled: true}
            syslog_output: {enabled: false}
            webserver: {enabled: false}
            engine_actors:
              batch_time_ms: {{batchTimeMs}}
              plugin_call_timeout_s: 1
              shutdown_grace_s: {{graceS}}
            """);
        return FalcoActorsProcess.Start("faulty", _folder.Path, new Dictionary<string, string?>(), "-c", config, "-U");
    }
}
