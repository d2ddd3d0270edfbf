using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class AlertSinkFactoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Builds_one_retrying_sink_per_enabled_output_and_only_disables_a_syslog_output_that_cannot_start()
    {
        var config = FalcoConfigurationLoader.LoadText("""
            output_timeout: 700
            stdout_output: {enabled: false}
            syslog_output: {enabled: true}
            file_output: {enabled: true, filename: events.txt}
            program_output: {enabled: true, program: "cat > /dev/null"}
            """, "inline.yaml", _dir.Path);
        var errors = new StringWriter();

        var set = AlertSinkFactory.Create(config, new AlertSinkOptions { Errors = errors });

        var syslog = Path.Exists(SyslogSink.DefaultSocketPath);
        Assert.Equal(syslog ? new[] { "file", "syslog", "program" } : ["file", "program"], set.Sinks.Select(s => s.Name));
        if (!syslog)
        {
            var problem = Assert.Single(set.Problems);
            Assert.Equal("syslog", problem.SinkName);
            Assert.Contains("/dev/log does not exist", problem.Message);
            Assert.Equal($"Error: {problem.Message} (this output is disabled)\n", errors.ToString().ReplaceLineEndings("\n"));
        }
        await set.Sinks[0].WriteAsync(Alerts.Text("through the factory"));
        Assert.Equal("through the factory\n", await File.ReadAllTextAsync(_dir.File("events.txt")));
        foreach (var sink in set.Sinks)
        {
            await sink.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("", 4, 5, 1)]       // Falco's default, 5: four failures, then delivered at the fifth attempt
    [InlineData("max_consecutive_timeouts: 2", 3, 2, 0)]
    [InlineData("max_consecutive_timeouts: 0", 3, 1, 0)]
    public async Task The_http_output_tries_an_alert_max_consecutive_timeouts_times(string key, int failures, int requests, int delivered)
    {
        await using var receiver = new HttpRecorder(Enumerable.Repeat(500, failures));
        var config = FalcoConfigurationLoader.LoadText($$"""
            stdout_output: {enabled: false}
            syslog_output: {enabled: false}
            http_output: {enabled: true, url: "{{receiver.Url}}", {{key}}}
            """, "inline.yaml", _dir.Path);

        var sink = Assert.Single(AlertSinkFactory.Create(config).Sinks);
        await sink.WriteAsync(Alerts.Text("one"));
        await sink.DisposeAsync();

        Assert.Equal(requests, receiver.Requests.Count);
        Assert.Equal(delivered, sink.Delivered);
        Assert.Equal(1 - delivered, sink.Dropped);
    }

    [Theory]
    [InlineData("file_output: {enabled: true, filename: missing/folder/events.txt}", "file output: cannot open '", "missing/folder/events.txt' for appending")]
    [InlineData("file_output: {enabled: true, keep_alive: true, filename: missing/events.txt}", "file output: cannot open '", "missing/events.txt' for appending")]
    [InlineData("http_output: {enabled: true, url: \"https://127.0.0.1:1/\", ca_cert: missing-ca.pem}", "http output: ca_cert 'missing-ca.pem' does not exist", "")]
    public void An_output_that_cannot_be_opened_stops_the_start_naming_the_output_and_the_path(string output, string starts, string names)
    {
        var config = FalcoConfigurationLoader.LoadText($$"""
            stdout_output: {enabled: true}
            syslog_output: {enabled: false}
            {{output}}
            """, "inline.yaml", _dir.Path);

        var e = Assert.Throws<AlertSinkException>(() => AlertSinkFactory.Create(config, new AlertSinkOptions { Stdout = new StringWriter() }));

        Assert.StartsWith(starts, e.Message);
        Assert.Contains(names, e.Message);
    }

    [Fact]
    public async Task Stdout_goes_to_the_writer_given_unbuffered_with_U()
    {
        var config = FalcoConfigurationLoader.LoadText("""
            buffered_outputs: true
            syslog_output: {enabled: false}
            stdout_output: {enabled: true}
            """, "inline.yaml", _dir.Path);
        var stdout = new UnflushedWriter();

        var set = AlertSinkFactory.Create(config, new AlertSinkOptions { Stdout = stdout, Unbuffered = true });

        Assert.Equal(["stdout"], set.Sinks.Select(s => s.Name));
        await set.Sinks[0].WriteAsync(Alerts.Text("to the caller"));
        Assert.Equal("to the caller\n", stdout.Flushed);
    }

    /// <summary>A writer that shows only what was flushed.</summary>
    private sealed class UnflushedWriter : StringWriter
    {
        public string Flushed { get; private set; } = "";

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushed = ToString();
            return Task.CompletedTask;
        }
    }
}
