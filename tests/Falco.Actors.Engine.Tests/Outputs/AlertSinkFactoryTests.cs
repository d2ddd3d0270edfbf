using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class AlertSinkFactoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Builds_one_retrying_sink_per_enabled_output_and_reports_the_ones_that_cannot_start()
    {
        var config = FalcoConfigurationLoader.LoadText("""
            output_timeout: 700
            stdout_output: {enabled: false}
            syslog_output: {enabled: true}
            file_output: {enabled: true, filename: events.txt}
            program_output: {enabled: true, program: "cat > /dev/null"}
            http_output: {enabled: true, url: "https://127.0.0.1:1/", ca_cert: missing-ca.pem}
            """, "inline.yaml", _dir.Path);

        var set = AlertSinkFactory.Create(config);

        var expected = Path.Exists(SyslogSink.DefaultSocketPath) ? new[] { "file", "syslog", "program" } : ["file", "program"];
        Assert.Equal(expected, set.Sinks.Select(s => s.Name));
        Assert.Contains(set.Problems, p => p.SinkName == "http" && p.Message.Contains("ca_cert 'missing-ca.pem' does not exist"));
        if (!Path.Exists(SyslogSink.DefaultSocketPath))
        {
            Assert.Contains(set.Problems, p => p.SinkName == "syslog" && p.Message.Contains("/dev/log does not exist"));
        }
        await set.Sinks[0].WriteAsync(Alerts.Text("through the factory"));
        Assert.Equal("through the factory\n", await File.ReadAllTextAsync(_dir.File("events.txt")));
        foreach (var sink in set.Sinks)
        {
            await sink.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stdout_goes_to_the_writer_given_unbuffered_with_U_and_problems_are_reported_where_asked()
    {
        var config = FalcoConfigurationLoader.LoadText("""
            buffered_outputs: true
            syslog_output: {enabled: false}
            stdout_output: {enabled: true}
            http_output: {enabled: true, url: "https://127.0.0.1:1/", ca_cert: missing-ca.pem}
            """, "inline.yaml", _dir.Path);
        var stdout = new UnflushedWriter();
        var errors = new StringWriter();

        var set = AlertSinkFactory.Create(config, new AlertSinkOptions { Stdout = stdout, Unbuffered = true, Errors = errors });

        Assert.Equal(["stdout"], set.Sinks.Select(s => s.Name));
        await set.Sinks[0].WriteAsync(Alerts.Text("to the caller"));
        Assert.Equal("to the caller\n", stdout.Flushed);
        Assert.Equal($"Error: {set.Problems.Single().Message} (this output is disabled)\n", errors.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("ca_cert 'missing-ca.pem' does not exist", errors.ToString());
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
