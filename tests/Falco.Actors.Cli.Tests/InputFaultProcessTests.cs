using Falco.Actors.Tests.Shared;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// The README's run over a copy of the bundled CloudTrail sample with real faults added (directory link loops, a
/// dangling link, two links to each other, a FIFO, a second link to a log file, a directory named like a log file):
/// the process reads every log file once and ends by itself with exit 0 and every alert of the sample, and says once
/// per fault what it skipped and why, then the counts by reason in its summary.
/// </summary>
public sealed class InputFaultProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_sample_with_link_loops_dangling_links_and_a_FIFO_gives_every_alert_and_a_summary_of_what_was_skipped()
    {
        var logs = _folder.File("logs");
        FileTree.Copy(Cli.RepositoryFile("samples/cloudtrail"), logs);
        var day = Path.Combine(logs, "AWSLogs", "210987654321", "CloudTrail", "eu-west-1", "2024", "08", "02");
        var first = Directory.GetFiles(day).Order(StringComparer.Ordinal).First();
        Directory.CreateDirectory(Path.Combine(logs, "x", "y"));
        string[] loops = [Link(Path.Combine(logs, "x", "y", "up"), ".."), Link(Path.Combine(logs, "self"), ".")];
        var dangling = Link(Path.Combine(day, "a-gone.json"), "/nonexistent/gone.json");
        string[] linkLoop = [Link(Path.Combine(day, "b-loop.json"), "c-loop.json"), Link(Path.Combine(day, "c-loop.json"), "b-loop.json")];
        var fifo = Path.Combine(day, "d-pipe.json");
        Assert.Equal(0, FileTree.MakeFifo(fifo));
        Directory.CreateDirectory(Path.Combine(day, "e-dir.json.gz"));
        var duplicate = Link(Path.Combine(day, "zz-again.json.gz"), first);

        using var process = FalcoActorsProcess.Start("faults", Cli.RepositoryRoot, new Dictionary<string, string?>(),
            "-c", "falco.yaml", "-o", $"plugins[0].open_params={logs}");
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromMinutes(3)), process.Describe());

        var stderr = process.Stderr();
        Assert.True(process.ExitCode == 0, process.Describe());
        Assert.Equal(144, process.StdoutLines().Length);
        Assert.Contains("Events processed: 8000 (aws_cloudtrail: 8000), alerts: 144", stderr);
        Assert.Contains("Plugin metrics: cloudtrail.files_skipped_already_listed: 3, cloudtrail.files_skipped_dangling_link: 1, "
                        + "cloudtrail.files_skipped_link_loop: 2, cloudtrail.files_skipped_not_regular: 1", stderr);
        foreach (var skipped in (string[])[.. loops, dangling, .. linkLoop, fifo, duplicate])
        {
            Assert.Single(stderr.Split('\n'), line =>
                line.StartsWith($"cloudtrail plugin warning (source aws_cloudtrail): skipped {skipped}: ", StringComparison.Ordinal));
        }
    }

    private static string Link(string path, string target)
    {
        File.CreateSymbolicLink(path, target);
        return path;
    }

}
