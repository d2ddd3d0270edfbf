using System.Diagnostics;

namespace Falco.Actors.Cli.Tests;

/// <summary>The real <c>falco-actors</c> process: the README's run over the bundled sample, and signals.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ProcessStartInfo FalcoActors(string workingDirectory, params string[] args) =>
        FalcoActorsProcess.StartInfo(workingDirectory, args);

    [Fact]
    public async Task The_README_run_over_the_bundled_sample_prints_alerts_and_exits_0()
    {
        // README: dotnet run --project src/Falco.Actors.Cli -c Release -- -c falco.yaml (from the repository root).
        using var process = Process.Start(FalcoActors(Cli.RepositoryRoot, "-c", "falco.yaml"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(0, process.ExitCode);
        var alerts = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(alerts.Length > 50, $"only {alerts.Length} alerts");
        Assert.Contains(alerts, a => a.Contains(": Critical Detected a console login without MFA (requesting user="));
        Assert.Contains("Events processed: 8000 (aws_cloudtrail: 8000)", await stderr);
    }

    [Fact]
    public async Task SIGINT_stops_an_endless_run_gracefully_with_exit_0()
    {
        var config = CounterSetup.Write(_folder, count: 100_000_000, dwellMicroseconds: 2000);
        using var process = Process.Start(FalcoActors(_folder.Path, "-c", config, "-U"))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Contains("even n=", first);
        var rest = process.StandardOutput.ReadToEndAsync();

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, process.ExitCode);
        await rest;
        Assert.Matches(@"Events processed: [1-9]\d* \(counter: [1-9]\d*\)", await stderr);
    }

    [Fact]
    public async Task Without_c_the_falco_yaml_of_the_current_folder_is_used()
    {
        using var process = Process.Start(FalcoActors(Cli.RepositoryRoot, "--list-plugins"))!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, process.ExitCode);
        Assert.StartsWith("2 Plugins Loaded:\n\nName: cloudtrail\n", stdout);

        using var elsewhere = Process.Start(FalcoActors(_folder.Path, "--list-plugins"))!;
        var none = await elsewhere.StandardOutput.ReadToEndAsync();
        await elsewhere.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, elsewhere.ExitCode);
        Assert.Equal("0 Plugins Loaded:\n\n\n", none);
    }
}
