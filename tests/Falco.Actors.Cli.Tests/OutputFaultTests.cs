using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// Outputs that fail, block or cannot be opened, through the real <c>falco-actors</c> process (or the command line
/// in-process where no process behaviour is involved): the other outputs get every alert, every lost alert is counted
/// and named, the run ends, and its exit code says alerts were lost. The counter plugin's 50 events give 28 alerts.
/// </summary>
public sealed class OutputFaultTests : IDisposable
{
    private const int Alerts = 28;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Config(string outputs) =>
        CounterSetup.Write(_folder, count: 50, extra: "output_timeout: 300\n" + outputs);

    private string EventsFile => _folder.File("events.txt");

    private string FileOutput => $"file_output:\n  enabled: true\n  filename: {EventsFile}\n";

    private static async Task<FalcoActorsProcess> RunToEndAsync(TempFolder folder, string config)
    {
        var process = FalcoActorsProcess.Start("outputs", folder.Path, new Dictionary<string, string?>(), "-c", config);
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromMinutes(2)), process.Describe());
        return process;
    }

    [Fact]
    public async Task An_http_endpoint_that_accepts_and_never_answers_loses_only_its_own_alerts_counted_and_the_run_ends_with_1()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var accepted = new List<Socket>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                accepted.Add(await server.AcceptSocketAsync(stop.Token)); // and never read nor answer
            }
        });
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var config = Config(FileOutput + $"http_output:\n  enabled: true\n  url: http://127.0.0.1:{port}/\n");

        using var process = await RunToEndAsync(_folder, config);

        await stop.CancelAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.Equal(Alerts, process.StdoutLines().Length);
        Assert.Equal(Alerts, File.ReadAllLines(EventsFile).Length);
        var stderr = process.Stderr();
        Assert.DoesNotContain("file output lost", stderr);
        Assert.DoesNotContain("stdout output lost", stderr);
        Assert.Contains($"Events processed: 50 (counter: 50), alerts: {Alerts}, dropped: {Alerts}", stderr);
        // Three alerts given up in a row at the end of the run, then the rest discarded, in a few lines, not one per alert.
        Assert.Matches($@"Error: http output lost {Alerts} alert\(s\): [1-9]\d* given up after failed attempts, [1-9]\d* discarded at the end of the run", stderr);
        Assert.Equal(1, CountOf(stderr, "output channels still blocked, discarding all remaining notifications (http output failed"));
        Assert.InRange(CountOf(stderr, "http output: "), 1, 4);
        Assert.NotEmpty(accepted);
    }

    [Fact]
    public async Task A_program_that_never_reads_its_input_times_out_its_alerts_are_counted_and_it_is_killed()
    {
        var mark = Guid.NewGuid().ToString("N");
        var config = Config(FileOutput + $"program_output:\n  enabled: true\n  program: \"sleep 1000; : {mark}\"\n");

        using var process = await RunToEndAsync(_folder, config);

        Assert.Equal(1, process.ExitCode);
        Assert.Equal(Alerts, File.ReadAllLines(EventsFile).Length);
        Assert.Contains($"Error: program output lost {Alerts} alert(s): ", process.Stderr());
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", mark]) { RedirectStandardOutput = true })!;
        var left = await pgrep.StandardOutput.ReadToEndAsync();
        await pgrep.WaitForExitAsync();
        Assert.Equal("", left.Trim()); // every program started was killed at its timeout
    }

    [Fact]
    public void A_file_output_to_dev_full_loses_its_alerts_counted_and_the_run_exits_1()
    {
        var config = Config("file_output:\n  enabled: true\n  filename: /dev/full\n");

        var (exit, stdout, stderr) = Cli.Run("-c", config);

        Assert.Equal(1, exit);
        Assert.Equal(Alerts, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"Error: file output lost {Alerts} alert(s): ", stderr);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_output_into_a_missing_folder_is_a_start_up_error_naming_it_also_in_a_dry_run(bool dryRun)
    {
        var missing = _folder.File("missing/events.txt");
        var config = Config($"file_output:\n  enabled: true\n  filename: {missing}\n");

        var (exit, stdout, stderr) = dryRun ? Cli.Run("-c", config, "--dry-run") : Cli.Run("-c", config);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"Error: {config}: file output: cannot open '{missing}' for appending", stderr);
        Assert.DoesNotContain("Events processed", stderr);
        Assert.DoesNotContain("Dry run", stderr);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
