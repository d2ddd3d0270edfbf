using System.Diagnostics;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// <c>engine_actors.plugins.&lt;name&gt;.isolation: process</c> with the real <c>falco-actors</c> process and the C
/// test plugin faulty, which segfaults, aborts or hangs once (<c>once_file</c>) in next_batch at event 95 of 300:
/// the engine runs on, the session is re-created with back-off, the log names the signal, and every event's alert
/// is written exactly once. Without isolation the same segfault ends the whole process.
/// </summary>
public sealed class IsolationProcessTests : IDisposable
{
    private static readonly TimeSpan Run = TimeSpan.FromMinutes(2);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Writes falco.yaml (faulty, a rule alerting every event, stdout) and returns its path.</summary>
    private string Config(string faulty, string isolation = "process", double callTimeoutS = 30)
    {
        _folder.Write("rules.yaml", """
            - rule: Every faulty event
              desc: every event
              condition: faulty.n > 0
              output: faulty n=%faulty.n
              priority: WARNING
              source: faulty
            """);
        return _folder.Write("falco.yaml", $$"""
            plugins:
              - name: faulty
                library_path: {{Cli.NativePlugin("libfaulty.so")}}
                init_config: {count: 300, batch: 10, once_file: {{_folder.File("once")}}, {{faulty}}}
            load_plugins: [faulty]
            rules_files: [rules.yaml]
            stdout_output:
              enabled: true
            syslog_output:
              enabled: false
            webserver:
              enabled: false
            engine_actors:
              batch_size: 20
              plugins:
                faulty:
                  isolation: {{isolation}}
                  call_timeout_s: {{callTimeoutS}}
            """);
    }

    private async Task<FalcoActorsProcess> RunToEnd(string config)
    {
        var process = FalcoActorsProcess.Start("falco-actors", _folder.Path, new Dictionary<string, string?>(), "-c", config);
        Assert.True(await process.WaitForExitAsync(Run), $"the run did not end within {Run.TotalMinutes:0} min\n{process.Describe()}");
        return process;
    }

    private static void AssertEveryAlertOnce(FalcoActorsProcess process)
    {
        var numbers = process.StdoutLines().Select(line => int.Parse(line[(line.LastIndexOf("n=", StringComparison.Ordinal) + 2)..]));
        Assert.Equal(Enumerable.Range(1, 300), numbers);
        Assert.Contains("Events processed: 300 (faulty: 300), alerts: 300", process.Stderr());
        Assert.Equal(0, process.ExitCode);
    }

    [Theory]
    [InlineData("segv", "SIGSEGV")]
    [InlineData("abort", "SIGABRT")]
    public async Task An_isolated_plugin_that_crashes_once_is_restarted_and_every_alert_is_written_once(string fault, string signal)
    {
        using var process = await RunToEnd(Config($"fault: {fault}, fault_at: 95"));

        var stderr = process.Stderr();
        Assert.Contains($"source faulty: session failed (plugin 'faulty' session process died in next_batch: {signal}); it will be re-created with back-off", stderr);
        AssertEveryAlertOnce(process);
    }

    [Fact]
    public async Task An_isolated_plugin_that_hangs_is_killed_after_its_call_timeout_and_restarted()
    {
        using var process = await RunToEnd(Config("fault: hang, fault_at: 95", callTimeoutS: 1));

        Assert.Contains("source faulty: session failed (plugin 'faulty' session process did not answer next_batch within 1 s and was killed)",
            process.Stderr());
        AssertEveryAlertOnce(process);
    }

    [Fact]
    public async Task Without_isolation_the_same_segfault_ends_the_whole_process()
    {
        using var process = await RunToEnd(Config("fault: segv, fault_at: 95", isolation: "none"));

        Assert.Equal(128 + 11, process.ExitCode); // killed by SIGSEGV: no summary, no message of its own
        Assert.DoesNotContain("Events processed", process.Stderr());
        Assert.True(process.StdoutLines().Length < 300);
    }

    [Fact]
    public async Task The_plugin_host_process_ends_when_the_engine_is_killed_even_while_the_plugin_hangs()
    {
        var config = Config("fault: hang, fault_at: 1", callTimeoutS: 0);
        using var engine = FalcoActorsProcess.Start("falco-actors", _folder.Path, new Dictionary<string, string?>(), "-c", config);
        var clock = Stopwatch.StartNew();
        int? host = null;
        // The start-up check's host has ended by the time the sources are announced; the session's starts after.
        while (host is null && clock.Elapsed < Run && !engine.HasExited)
        {
            if (engine.Stderr().Contains("Loaded event sources: faulty", StringComparison.Ordinal))
            {
                host = PluginHostsOf(engine.Pid).FirstOrDefault() is var pid and > 0 ? pid : null;
            }
            await Task.Delay(100);
        }
        Assert.True(host is not null, $"no plugin host process appeared\n{engine.Describe()}");

        engine.Kill();

        clock.Restart();
        while (Directory.Exists($"/proc/{host}") && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }
        Assert.False(Directory.Exists($"/proc/{host}"), $"the plugin host {host} still runs after its engine was killed");
    }

    [Fact]
    public void An_isolated_plugin_that_crashes_in_open_stops_start_up_with_the_signal()
    {
        var (exit, stdout, stderr) = Cli.Run("-c", Config("fault: segv, fault_call: open"));

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("source 'faulty' cannot be opened: plugin 'faulty' session process died in open: SIGSEGV", stderr);
    }

    [Fact]
    public void A_bad_isolation_setting_stops_start_up_naming_file_and_line()
    {
        var config = Config("fault: segv", isolation: "thread");
        var (exit, _, stderr) = Cli.Run("-c", config, "--dry-run");

        Assert.Equal(1, exit);
        Assert.StartsWith($"Error: {config}:17:18: engine_actors.plugins.faulty.isolation: Unknown isolation \"thread\"--must be one of none, process", stderr);
    }

    /// <summary>The <c>--plugin-host</c> children of process <paramref name="parent"/> (from /proc).</summary>
    private static IEnumerable<int> PluginHostsOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            string stat, cmdline;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
                cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
            }
            catch (IOException)
            {
                continue; // gone meanwhile
            }
            // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1]) == parent && cmdline.Contains("--plugin-host", StringComparison.Ordinal))
            {
                yield return pid;
            }
        }
    }
}
