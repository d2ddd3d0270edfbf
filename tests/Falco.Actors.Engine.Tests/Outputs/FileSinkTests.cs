using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class FileSinkTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Appends_one_line_per_alert_to_what_is_there()
    {
        var path = _dir.Write("events.txt", "earlier\n");
        await using var sink = new FileSink(path, keepAlive: false);

        await sink.WriteAsync(Alerts.Text("first"));
        await sink.WriteAsync(Alerts.Json("""{"rule":"r"}"""));

        Assert.Equal("earlier\nfirst\n{\"rule\":\"r\"}\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Without_keep_alive_the_file_is_reopened_for_every_alert()
    {
        var path = _dir.File("events.txt");
        await using var sink = new FileSink(path, keepAlive: false);

        await sink.WriteAsync(Alerts.Text("one"));
        File.Move(path, _dir.File("events.txt.1"));   // rotated away
        await sink.WriteAsync(Alerts.Text("two"));

        Assert.Equal("one\n", await File.ReadAllTextAsync(_dir.File("events.txt.1")));
        Assert.Equal("two\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task With_keep_alive_the_open_file_is_kept_until_reopen()
    {
        var path = _dir.File("events.txt");
        await using var sink = new FileSink(path, keepAlive: true);

        await sink.WriteAsync(Alerts.Text("one"));
        File.Move(path, _dir.File("events.txt.1"));
        await sink.WriteAsync(Alerts.Text("two"));      // still the rotated file: same handle
        Assert.Equal(8, sink.Length);
        await sink.ReopenAsync();
        Assert.Equal(0, sink.Length);                   // the length a state folder keeps is the new file's
        await sink.WriteAsync(Alerts.Text("three"));
        Assert.Equal(6, sink.Length);

        Assert.Equal("one\ntwo\n", await File.ReadAllTextAsync(_dir.File("events.txt.1")));
        Assert.Equal("three\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Buffered_keep_alive_file_shows_alerts_after_flush()
    {
        var path = _dir.File("events.txt");
        await using var sink = new FileSink(path, keepAlive: true, buffered: true);

        await sink.WriteAsync(Alerts.Text("held"));
        var before = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        await sink.FlushAsync();

        Assert.Equal("", before);
        Assert.Equal("held\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_a_clear_error()
    {
        var path = _dir.File("no/such/dir/events.txt");
        await using var sink = new FileSink(path, keepAlive: false);

        var e = await Assert.ThrowsAsync<AlertSinkException>(() => sink.WriteAsync(Alerts.Text("x")).AsTask());

        Assert.StartsWith($"file output: cannot open '{path}' for appending", e.Message);
    }

    [Fact]
    public async Task A_fifo_nobody_reads_blocks_only_until_the_timeout_and_the_next_attempt_fails_at_once()
    {
        var fifo = _dir.File("events.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }
        var policy = new SinkRetryPolicy(1, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
        // Opening a FIFO for writing blocks until a reader comes: at start that is not an error, at run time a timeout.
        var sink = new RetryingAlertSink(FileSink.Open(fifo, keepAlive: false, buffered: false, openTimeout: TimeSpan.FromMilliseconds(300)), policy);
        var failures = new List<SinkFailure>();
        sink.Failed += failures.Add;

        await sink.WriteAsync(Alerts.Text("one"));
        await sink.WriteAsync(Alerts.Text("two"));

        Assert.Equal(2, sink.Dropped);
        Assert.Contains("timed out after 300 ms", failures[0].Error.Message);
        Assert.Contains("still blocked in an attempt that timed out", failures[1].Error.Message);

        // A reader ends the blocked opens (the one at start and the abandoned attempt's), so no thread stays blocked.
        await Task.Run(() => File.ReadAllText(fifo)).WaitAsync(TimeSpan.FromSeconds(30));
        await sink.DisposeAsync();
    }
}
