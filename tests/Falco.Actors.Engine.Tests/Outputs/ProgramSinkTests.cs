using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class ProgramSinkTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string[] Lines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];

    [Fact]
    public async Task Without_keep_alive_every_alert_runs_its_own_shell()
    {
        var output = _dir.File("received.txt");
        var pids = _dir.File("pids.txt");
        await using var sink = new ProgramSink($"echo $$ >> '{pids}'; cat >> '{output}'", keepAlive: false);

        await sink.WriteAsync(Alerts.Text("first alert"));
        await sink.WriteAsync(Alerts.Json("""{"output":"second"}"""));

        // Each write waited for its process, so the file is complete already.
        Assert.Equal(["first alert", """{"output":"second"}"""], Lines(output));
        Assert.Equal(2, Lines(pids).Distinct().Count());
    }

    [Fact]
    public async Task With_keep_alive_one_process_reads_every_alert()
    {
        var output = _dir.File("received.txt");
        var pids = _dir.File("pids.txt");
        var sink = new ProgramSink($"echo $$ >> '{pids}'; cat >> '{output}'", keepAlive: true);

        await sink.WriteAsync(Alerts.Text("one"));
        await sink.WriteAsync(Alerts.Text("two"));
        await sink.WriteAsync(Alerts.Text("three"));
        await sink.DisposeAsync();   // closes stdin and waits for the program to finish

        Assert.Equal(["one", "two", "three"], Lines(output));
        Assert.Single(Lines(pids));
    }

    [Fact]
    public async Task Reopening_a_kept_program_lets_it_finish_and_the_next_alert_starts_a_new_one()
    {
        var output = _dir.File("received.txt");
        var pids = _dir.File("pids.txt");
        var sink = new ProgramSink($"echo $$ >> '{pids}'; cat >> '{output}'", keepAlive: true);

        await sink.WriteAsync(Alerts.Text("one"));
        await sink.ReopenAsync();   // SIGUSR1: the program read "one" to its end and exited
        Assert.Equal(["one"], Lines(output));
        await sink.WriteAsync(Alerts.Text("two"));
        await sink.DisposeAsync();

        Assert.Equal(["one", "two"], Lines(output));
        Assert.Equal(2, Lines(pids).Distinct().Count());
    }

    [Fact]
    public async Task A_kept_program_that_exits_is_reported_then_started_again()
    {
        var output = _dir.File("received.txt");
        var sink = new ProgramSink($"head -n 1 >> '{output}'", keepAlive: true);

        await sink.WriteAsync(Alerts.Text("one"));
        await WaitUntil(() => Lines(output).Length == 1);
        await Task.Delay(200);   // let the shell exit after its one line
        var e = await Record.ExceptionAsync(() => sink.WriteAsync(Alerts.Text("lost")).AsTask());
        await sink.WriteAsync(Alerts.Text("two"));
        await sink.DisposeAsync();

        var failure = Assert.IsType<AlertSinkException>(e);
        Assert.StartsWith("program output: ", failure.Message);
        Assert.Equal(["one", "two"], Lines(output));
    }

    [Fact]
    public async Task A_program_that_hangs_is_bounded_by_the_retrying_sink_timeout()
    {
        var policy = new SinkRetryPolicy(2, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10));
        await using var sink = new RetryingAlertSink(new ProgramSink("cat > /dev/null; sleep 30", keepAlive: false), policy);
        var failures = new List<SinkFailure>();
        sink.Failed += failures.Add;

        var started = DateTime.UtcNow;
        await sink.WriteAsync(Alerts.Text("x"));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Equal(1, sink.Dropped);
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.IsType<TimeoutException>(f.Error));
        Assert.True(failures[^1].GaveUp);
    }

    [Fact]
    public async Task A_kept_program_that_never_reads_times_out_is_killed_and_later_alerts_go_to_a_new_one()
    {
        var mark = Guid.NewGuid().ToString("N");
        var policy = new SinkRetryPolicy(1, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
        await using var sink = new RetryingAlertSink(new ProgramSink($"sleep 1000; : {mark}", keepAlive: true), policy);
        var big = Alerts.Text(new string('x', 256 * 1024)); // more than a pipe holds: the write blocks

        await sink.WriteAsync(big);
        Assert.Equal(1, sink.Dropped);
        await WaitUntil(() => !AnyRunning(mark)); // killed at the timeout, which ended the blocked write

        await sink.WriteAsync(big); // a new program, which does not read either
        Assert.Equal(2, sink.Dropped);
        await WaitUntil(() => !AnyRunning(mark));
    }

    /// <summary>A live process (not a zombie waiting to be reaped) whose command line holds <paramref name="mark"/>.</summary>
    private static bool AnyRunning(string mark)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _) || !File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(mark))
                {
                    continue;
                }
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (stat[stat.LastIndexOf(')') + 2] != 'Z')
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }
        return false;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }
}
