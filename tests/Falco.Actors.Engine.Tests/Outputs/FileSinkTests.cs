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
        await sink.Reopen();
        await sink.WriteAsync(Alerts.Text("three"));

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
}
